import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCameraFlags, writeQrVideo } from './fake-camera';
import { createHallJourney, signInOnPage as signIn } from './hall-setup';
import { findAccessibilityViolations, type Harness, screenshot, startHarness } from './harness';

// Generous: the machine running this may be busy, and the reader's WebAssembly loads on first use.
const POLL = { timeout: 30_000 };
/** A QR code that is not a booking's: the printed ticket's live page. */
const NOT_A_BOOKING = 'http://127.0.0.1/ticket/0123456789abcdef0123456789abcdef';

const dir = mkdtempSync(join(tmpdir(), 'mawaeed-camera-'));
const video = join(dir, 'camera.y4m');
let harness: Harness;
let hall: Awaited<ReturnType<typeof createHallJourney>>;

beforeAll(async () => {
  // Chromium reads the video's size when it lists its cameras, and its picture at each start.
  writeQrVideo(video, NOT_A_BOOKING);
  harness = await startHarness({ browserArgs: fakeCameraFlags(video) });
  hall = await createHallJourney(harness.baseUrl);
}, 180_000);

afterAll(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Keeps every camera stream the page opens, to ask afterwards whether its camera is off. */
async function watchCameras(page: Page) {
  await page.addInitScript(() => {
    const streams: MediaStream[] = [];
    (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams = streams;
    const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      streams.push(stream);
      return stream;
    };
  });
}

function camerasLive(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.filter((s) =>
        s.getTracks().some((t) => t.readyState === 'live'),
      ).length,
  );
}

describe('checking in by showing the booking’s QR code to a camera', () => {
  it('at the reception desk: passes over another QR code, then checks the booking in and stops the camera', async () => {
    const booking = await hall.book('900000021');
    const desk = await harness.newPage({ width: 1280 });
    await watchCameras(desk);
    await signIn(desk, hall.receptionist, '/staff/check-in');
    const wasm = desk.waitForResponse((r) => r.url().endsWith('.wasm'), POLL);
    await desk.getByTestId('camera-open').click();
    // The reader's WebAssembly comes from our own origin, as WebAssembly (so it compiles streaming).
    const reader = await wasm;
    expect(new URL(reader.url()).origin).toBe(harness.baseUrl);
    expect(reader.status()).toBe(200);
    expect(reader.headers()['content-type']).toBe('application/wasm');
    await expect
      .poll(() => desk.getByTestId('camera').textContent(), POLL)
      .toContain('That QR code is not a booking');
    expect(await camerasLive(desk)).toBe(1);
    expect(await findAccessibilityViolations(desk)).toEqual([]);
    await screenshot(desk, 'camera-check-in-en-1280');
    await desk.getByTestId('camera-stop').click();
    await expect.poll(() => camerasLive(desk), POLL).toBe(0);

    writeQrVideo(video, booking.reference);
    const checkedIn = desk.waitForResponse((r) => r.url().includes('/check-ins'), POLL);
    await desk.getByTestId('camera-open').click();
    const response = await checkedIn;
    expect(response.request().postDataJSON()).toEqual({ reference: booking.reference });
    const ticket = (await response.json()).ticket as { number: string };
    expect(ticket.number).toMatch(/^H-\d{3}$/);
    await expect.poll(() => desk.getByTestId('ticket-number').textContent(), POLL).toBe(ticket.number);
    expect(await desk.getByTestId('camera').getAttribute('data-state')).toBe('off');
    expect(await camerasLive(desk)).toBe(0);
  });

  it('at the kiosk, in Arabic: reads the booking, and the inactivity reset stops a camera left on', async () => {
    const booking = await hall.book('900000022');
    writeQrVideo(video, NOT_A_BOOKING);
    const kiosk = await harness.newPage({ locale: 'ar-BH', width: 390, height: 844 });
    await watchCameras(kiosk);
    await kiosk.clock.install();
    await kiosk.goto(`/kiosk#token=${hall.kioskToken}`);
    await kiosk.getByTestId('kiosk-check-in').click();
    await kiosk.getByTestId('camera-open').click();
    await expect.poll(() => kiosk.getByTestId('camera').textContent(), POLL).toContain('ليس رمز حجز');
    expect(await kiosk.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await findAccessibilityViolations(kiosk)).toEqual([]);
    await screenshot(kiosk, 'camera-kiosk-ar-390');

    // Nobody touches the kiosk: it warns, then starts over, and the camera goes off.
    await kiosk.clock.fastForward(41_000);
    for (let s = 0; s < 16; s++) await kiosk.clock.fastForward(1_000);
    await kiosk.getByTestId('kiosk-check-in').waitFor(POLL);
    await expect.poll(() => camerasLive(kiosk), POLL).toBe(0);

    writeQrVideo(video, booking.reference);
    await kiosk.getByTestId('kiosk-check-in').click();
    await kiosk.getByTestId('camera-open').click();
    await expect.poll(() => kiosk.getByTestId('ticket-number').count(), POLL).toBe(1);
    expect(await kiosk.getByTestId('ticket-number').textContent()).toMatch(/^H-\d{3}$/);
    expect(await camerasLive(kiosk)).toBe(0);
  });
});

describe('a camera that cannot be used', () => {
  it('is said in Arabic and English: permission refused at the desk, no camera at the kiosk', async () => {
    const desk = await harness.newPage({ locale: 'ar-BH', width: 1280 });
    await desk.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await signIn(desk, hall.receptionist, '/staff/check-in');
    await desk.getByTestId('camera-open').click();
    const refused = await desk.getByTestId('camera-failed').textContent({ timeout: POLL.timeout });
    expect(refused).toContain('لا يمكن استخدام الكاميرا: رُفض الإذن.');
    expect(refused).toContain('The camera may not be used: permission was refused.');
    expect(await findAccessibilityViolations(desk)).toEqual([]);
    await screenshot(desk, 'camera-refused-ar-1280');

    const kiosk = await harness.newPage({ width: 390, height: 844 });
    await kiosk.addInitScript(() => {
      Object.defineProperty(navigator, 'mediaDevices', { value: undefined });
    });
    await kiosk.goto(`/kiosk#token=${hall.kioskToken}`);
    await kiosk.getByTestId('kiosk-check-in').click();
    await kiosk.getByTestId('camera-open').click();
    const none = await kiosk.getByTestId('camera-failed').textContent({ timeout: POLL.timeout });
    expect(none).toContain('No camera was found on this device.');
    expect(none).toContain('لم يُعثر على كاميرا في هذا الجهاز.');
    // Typing still works beside it.
    await kiosk.getByTestId('kiosk-code').waitFor(POLL);
    expect(await findAccessibilityViolations(kiosk)).toEqual([]);
    await screenshot(kiosk, 'camera-no-camera-en-390');
  });
});
