import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHallJourney, signInOnPage as signIn } from './hall-setup';
import { findAccessibilityViolations, type Harness, screenshot, startHarness } from './harness';

// Generous: the machine running this may be busy; latency itself is measured by the bench.
const POLL = { timeout: 20_000 };

let harness: Harness;
let hall: Awaited<ReturnType<typeof createHallJourney>>;

beforeAll(async () => {
  harness = await startHarness();
  hall = await createHallJourney(harness.baseUrl);
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

describe('a day in the hall', () => {
  it('checks a booking in at reception, an agent calls it, the board and the live ticket show the call', async () => {
    const booking = await hall.book('900000017');

    const board = await harness.newPage({ width: 1920, height: 1080 });
    await board.goto(`/display#token=${hall.boardToken}`);
    await board.getByTestId('board').waitFor(POLL);
    // The token left the address as soon as it was kept.
    expect(board.url()).not.toContain('mwd_dev_');

    const desk = await harness.newPage({ width: 1280 });
    await signIn(desk, hall.receptionist, '/staff/check-in');
    await desk.getByTestId('check-in-code').waitFor(POLL);
    // A USB scanner types the QR code's content and presses Enter.
    await desk.getByTestId('check-in-code').fill(booking.reference);
    const checkedIn = desk.waitForResponse((r) => r.url().includes('/check-ins'));
    await desk.getByTestId('check-in-code').press('Enter');
    const ticket = (await (await checkedIn).json()).ticket as { number: string; liveUrl: string };
    expect(ticket.number).toMatch(/^H-\d{3}$/);
    await expect.poll(() => desk.getByTestId('ticket-number').textContent(), POLL).toBe(ticket.number);
    expect(await findAccessibilityViolations(desk)).toEqual([]);
    await screenshot(desk, 'hall-check-in-en-1280');

    // The same booking again: the same ticket, and the desk is told so.
    await desk.getByTestId('check-in-code').fill(booking.reference);
    await desk.getByTestId('check-in-code').press('Enter');
    await expect
      .poll(() => desk.getByTestId('check-in-outcome').textContent(), POLL)
      .toContain('Already checked in');
    expect(await desk.getByTestId('ticket-number').textContent()).toBe(ticket.number);

    // The portal's centres list says how many wait there now.
    const portal = await harness.newPage({ width: 390, height: 844 });
    await portal.goto('/centres');
    const card = portal.getByTestId('centre-card').filter({ hasText: 'Hall Journey Centre' });
    await expect
      .poll(() => card.getByTestId('waiting-now').textContent(), POLL)
      .toBe('People waiting now: 1');

    const citizen = await harness.newPage({ width: 390, height: 844 });
    await citizen.goto(new URL(ticket.liveUrl).pathname);
    await expect.poll(() => citizen.getByTestId('live-number').textContent(), POLL).toBe(ticket.number);
    await expect
      .poll(() => citizen.getByTestId('live-status').textContent(), POLL)
      .toBe('You are in the queue');

    const agent = await harness.newPage({ width: 1280 });
    await signIn(agent, hall.agent, '/staff/counter');
    await agent.getByTestId('counter-4').click();
    await agent.getByTestId('open-counter').click();
    await expect.poll(() => agent.getByTestId('counter-state').textContent(), POLL).toBe('Open');
    await expect.poll(() => agent.getByTestId('action-KeyN').isEnabled(), POLL).toBe(true);
    // "Call next" by its shortcut.
    await agent.locator('body').press('n');
    await expect.poll(() => agent.getByTestId('current-number').textContent(), POLL).toBe(ticket.number);
    expect(await agent.getByTestId('appointment-details').textContent()).toContain(booking.reference);
    // The person would rather not be e-mailed: the agent unticks it, and it is recorded for them.
    const email = agent.getByTestId('consent-email');
    await expect.poll(() => email.isChecked(), POLL).toBe(true);
    const recorded = agent.waitForResponse(
      (r) => r.url().endsWith('/consents') && r.request().method() === 'POST',
    );
    await email.uncheck();
    expect((await (await recorded).json()).current).toContainEqual(
      expect.objectContaining({ kind: 'email', state: 'withdrawn', channel: 'counter' }),
    );
    await expect
      .poll(() => agent.getByTestId('contact-choices').getByRole('status').textContent(), POLL)
      .toBe('Saved.');
    expect(await email.isChecked()).toBe(false);
    expect(await agent.getByTestId('consent-sms_reminders').isChecked()).toBe(true);
    expect(await findAccessibilityViolations(agent)).toEqual([]);
    await screenshot(agent, 'hall-console-en-1280');

    await expect.poll(() => board.getByTestId('latest-call').textContent(), POLL).toContain(ticket.number);
    expect(await board.getByTestId('latest-call').textContent()).toContain('4');
    // The chime and the spoken call played through; a recall plays it again, never over another.
    await expect.poll(() => board.getByTestId('board').getAttribute('data-announced'), POLL).toBe('1');
    await agent.locator('body').press('r');
    await expect.poll(() => board.getByTestId('board').getAttribute('data-announced'), POLL).toBe('2');
    // The board never shows who it is calling, only the number.
    expect(await board.textContent('body')).not.toContain('Maryam');
    expect(await findAccessibilityViolations(board)).toEqual([]);
    await screenshot(board, 'hall-board-1920');

    await expect
      .poll(() => citizen.getByTestId('called-to').textContent(), POLL)
      .toContain('You are being called to counter 4');
    expect(await findAccessibilityViolations(citizen)).toEqual([]);
    await screenshot(citizen, 'hall-ticket-en-390');

    // The agent starts and finishes by their shortcuts.
    await agent.locator('body').press('s');
    await expect
      .poll(() => citizen.getByTestId('live-status').textContent(), POLL)
      .toBe('You are being served');
    await expect.poll(() => agent.getByTestId('action-KeyF').isEnabled(), POLL).toBe(true);
    await agent.locator('body').press('f');
    await expect.poll(() => agent.getByTestId('current-number').count(), POLL).toBe(0);

    // The counter's tablet offers the visit's feedback form: a QR code, or the form opened here
    // in a tab of its own for the person still at the counter.
    const feedback = agent.getByTestId('counter-feedback');
    await feedback.waitFor(POLL);
    expect(await feedback.getByTestId('qr').getAttribute('aria-label')).toContain('feedback');
    expect(await findAccessibilityViolations(agent)).toEqual([]);
    await screenshot(agent, 'hall-console-feedback-en-1280');
    const [form] = await Promise.all([
      agent.context().waitForEvent('page'),
      feedback.getByTestId('open-feedback').click(),
    ]);
    await expect
      .poll(() => form.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('How was your visit?');
    await form.getByTestId('rating-performance-5').check();
    await form.getByTestId('rating-organisation-4').check();
    await form.getByTestId('rating-quality-5').check();
    // The tablet is signed in as the agent: the public form works the same there.
    await form.getByTestId('continue').click();
    await expect.poll(() => form.getByRole('heading', { level: 1 }).textContent(), POLL).toBe('Thank you');
    await form.close();
    await feedback.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => agent.getByTestId('counter-feedback').count(), POLL).toBe(0);

    // The board loses its connection: it says so, and catches up when it is back (without
    // announcing what it missed: that is old news by then).
    await board.context().setOffline(true);
    await board.getByTestId('reconnecting').waitFor(POLL);
    const walkIn = await fetch(`${harness.baseUrl}/api/v1/centres/${hall.centre.id}/walk-ins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hall.kioskToken}` },
      body: JSON.stringify({ serviceId: hall.service.id }),
    });
    const missed = (await walkIn.json()) as { number: string };
    await expect.poll(() => agent.getByTestId('action-KeyN').isEnabled(), POLL).toBe(true);
    await agent.locator('body').press('n');
    await expect.poll(() => agent.getByTestId('current-number').textContent(), POLL).toBe(missed.number);
    await board.context().setOffline(false);
    await expect.poll(() => board.getByTestId('latest-call').textContent(), POLL).toContain(missed.number);
    await expect.poll(() => board.getByTestId('reconnecting').count(), POLL).toBe(0);
    expect(await board.getByTestId('board').getAttribute('data-announced')).toBe('2');
  });

  it('reads right to left in Arabic on the console, the desk and the ticket page, at phone width too', async () => {
    const booking = await hall.book('900000018');
    const desk = await harness.newPage({ locale: 'ar-BH', width: 390, height: 844 });
    await signIn(desk, hall.receptionist, '/staff/check-in');
    expect(await desk.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await desk.getByTestId('check-in-code').fill(booking.reference);
    const checkedIn = desk.waitForResponse((r) => r.url().includes('/check-ins'));
    await desk.getByTestId('check-in-code').press('Enter');
    const ticket = (await (await checkedIn).json()).ticket as { number: string; liveUrl: string };
    await desk.getByTestId('ticket-number').waitFor(POLL);
    expect(await findAccessibilityViolations(desk)).toEqual([]);
    await screenshot(desk, 'hall-check-in-ar-390');

    const wide = await harness.newPage({ locale: 'ar-BH', width: 1280 });
    await signIn(wide, hall.receptionist, '/staff/check-in');
    await wide.getByTestId('check-in-code').waitFor(POLL);
    await screenshot(wide, 'hall-check-in-ar-1280');

    const agent = await harness.newPage({ locale: 'ar-BH', width: 390, height: 844 });
    await signIn(agent, hall.agentAr, '/staff/counter');
    await agent.getByTestId('counter-4').click();
    await agent.getByTestId('counter-state').waitFor(POLL);
    expect(await findAccessibilityViolations(agent)).toEqual([]);
    await screenshot(agent, 'hall-console-ar-390');

    const citizen = await harness.newPage({ locale: 'ar-BH', width: 390, height: 844 });
    await citizen.goto(new URL(ticket.liveUrl).pathname);
    await expect.poll(() => citizen.getByTestId('live-status').textContent(), POLL).toBe('أنت في الطابور');
    expect(await citizen.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await findAccessibilityViolations(citizen)).toEqual([]);
    await screenshot(citizen, 'hall-ticket-ar-390');

    const board = await harness.newPage({ locale: 'ar-BH', width: 1920, height: 1080 });
    await board.goto(`/display#token=${hall.boardToken}`);
    await board.getByTestId('latest-call').waitFor(POLL);
    expect(await findAccessibilityViolations(board)).toEqual([]);
    await screenshot(board, 'hall-board-ar-1920');
  });
});

describe('the kiosk at the entrance', () => {
  it('tells an early visitor the check-in window in both languages, issues a walk-in ticket, and starts over', async () => {
    const booking = await hall.book('900000019', 75);
    const kiosk = await harness.newPage({ width: 1080, height: 1920 });
    await kiosk.goto(`/kiosk#token=${hall.kioskToken}`);
    await kiosk.getByTestId('kiosk-check-in').click();
    await kiosk.getByTestId('kiosk-code').fill(booking.reference);
    await kiosk.getByTestId('kiosk-code').press('Enter');
    await kiosk.getByTestId('kiosk-window').waitFor(POLL);
    const message = await kiosk.getByTestId('kiosk-window').textContent();
    expect(message).toContain('It is too early to check in.');
    expect(message).toContain('الوقت مبكر لتسجيل الحضور.');
    expect(await findAccessibilityViolations(kiosk)).toEqual([]);
    await screenshot(kiosk, 'hall-kiosk-window-en');
    await kiosk.getByRole('button', { name: 'Start again' }).click();

    await kiosk.getByTestId('kiosk-walk-in').click();
    await kiosk.getByRole('button', { name: 'Hall journey service' }).click();
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent(), POLL).toMatch(/^H-\d{3}$/);
    expect(await findAccessibilityViolations(kiosk)).toEqual([]);
    await screenshot(kiosk, 'hall-kiosk-ticket-en');
    await kiosk.getByTestId('kiosk-done').click();
    // Back at the start, nothing of the visitor left on screen.
    await kiosk.getByTestId('kiosk-check-in').waitFor(POLL);
    expect(await kiosk.getByTestId('ticket-number').count()).toBe(0);
  });
});

describe('a centre’s call order', () => {
  it('is set by an administrator on the centre page', async () => {
    const page = await harness.newPage({ width: 1280 });
    await page.goto(`/staff/sign-in?redirect=${encodeURIComponent(`/staff/centres/${hall.centre.id}`)}`);
    await page.getByLabel('Email address').fill('admin@demo.mawaeed.bh');
    await page.getByLabel('Password', { exact: true }).fill('mawaeed-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const minutes = page.getByLabel('Walk-in wait before it goes ahead (minutes)');
    await minutes.waitFor(POLL);
    expect(await minutes.inputValue()).toBe('30');
    await page.getByLabel('Call priority tickets first').uncheck();
    // Arabic-Indic digits are welcome.
    await minutes.fill('٢٠');
    await page.getByRole('button', { name: 'Save changes' }).last().click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count(), POLL).toBe(1);
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Walk-in wait before it goes ahead (minutes)').inputValue(), POLL)
      .toBe('20');
    expect(await page.getByLabel('Call priority tickets first').isChecked()).toBe(false);
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });
});
