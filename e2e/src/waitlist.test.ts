import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import {
  bookViaApi,
  type Catalogue,
  checkPage,
  continueOn,
  fillDetails,
  freeSlotsViaApi,
  loadCatalogue,
  POLL,
  pickLabel,
  randomCpr,
} from './portal';

// The harness runs the server with MAWAEED_RELEASE_DELAY=off (and codes off): a seat nobody
// waits for is public at once, so only the waitlist decides who gets the cancelled one here.
let harness: Harness;
let catalogue: Catalogue;

beforeAll(async () => {
  harness = await startHarness();
  catalogue = await loadCatalogue(harness.baseUrl);
});

afterAll(async () => {
  await harness?.close();
});

/** The one language switch in the header. */
async function switchTo(page: Page, language: 'en' | 'ar') {
  await page.locator(`header button[lang="${language}"]`).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

/** Checks a page (axe, reflow, screenshots) in English, then in Arabic, and goes back to English. */
async function checkBothLanguages(page: Page, name: string) {
  await checkPage(page, name);
  await switchTo(page, 'ar');
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await checkPage(page, name);
  await switchTo(page, 'en');
}

/** Books every free seat of a service at a centre (other people, through the API), in waves. */
async function fillEverySeat(centreId: string, serviceId: string) {
  const centre = catalogue.centres.find((c) => c.id === centreId);
  if (!centre) throw new Error('no centre');
  const bookings: { reference: string; manageToken: string; start: string }[] = [];
  for (;;) {
    const seats = (await freeSlotsViaApi(harness.baseUrl, centre, serviceId)).flatMap((s) =>
      Array.from({ length: s.remaining }, () => s.start),
    );
    if (seats.length === 0) return bookings;
    for (let i = 0; i < seats.length; i += 8) {
      const wave = seats.slice(i, i + 8);
      bookings.push(
        ...(await Promise.all(
          wave.map((start) => bookViaApi(harness.baseUrl, { centreId, serviceId, start })),
        )),
      );
    }
  }
}

async function devInboxText(): Promise<string[]> {
  const res = await fetch(`${harness.baseUrl}/api/v1/dev/inbox`);
  return ((await res.json()) as { items: { text: string }[] }).items.map((m) => m.text);
}

describe('the waitlist', () => {
  it('joins when every time is taken, gets the cancelled seat offered by SMS, accepts it and sees the booking', async () => {
    const service = catalogue.services.find((s) => s.code === 'lost-passport');
    const centre = catalogue.centres.find((c) => c.name.en.includes('Muharraq'));
    if (!service || !centre) throw new Error('demo data has no lost passport at Muharraq');
    const taken = await fillEverySeat(centre.id, service.id);
    expect(taken.length).toBeGreaterThan(0);

    const page = await harness.newPage({ locale: 'en-GB', width: 1280 });
    await page.goto('/book/service');
    await pickLabel(page, service.name.en);
    await continueOn(page);
    await page.waitForURL('**/book/centre');
    await pickLabel(page, centre.name.en);
    await continueOn(page);

    // Nothing free: the date step offers the waitlist instead of a refresh war.
    await page.waitForURL('**/book/date');
    await page.getByTestId('offer-waitlist').waitFor(POLL);
    await page.getByTestId('join-waitlist').click();
    await page.waitForURL('**/waitlist/join');
    await checkBothLanguages(page, 'waitlist-1-join');

    // Joining without answers: the summary lists what is missing.
    await page.locator('#from').fill('');
    await continueOn(page);
    await page.getByTestId('error-summary').waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: centre.timeZone }).format(new Date());
    await page.locator('#from').fill(today);
    await fillDetails(page, { name: 'Maryam Hasan', cpr: randomCpr(), mobile: '3300 7788' });
    await continueOn(page);

    await page.waitForURL('**/waitlist/entry**');
    await page.getByTestId('waitlist-joined').waitFor(POLL);
    expect(await page.getByTestId('waitlist-status').textContent()).toContain('next in line');
    await checkBothLanguages(page, 'waitlist-2-joined');

    // Someone cancels a booking two or more days ahead (past the lead time, inside the range).
    const later = taken.filter((b) => Date.parse(b.start) > Date.now() + 2 * 86_400_000);
    const given = later[0];
    if (!given) throw new Error('no booking far enough ahead');
    const cancelled = await fetch(`${harness.baseUrl}/api/v1/bookings/${given.reference}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${given.manageToken}` },
      body: '{}',
    });
    expect(cancelled.status).toBe(200);

    // The offer arrives in the dev inbox (the worker delivers it within a few seconds).
    let link: string | undefined;
    for (let i = 0; i < 100 && !link; i++) {
      link = (await devInboxText())
        .map((text) => /https?:\/\/\S+\/waitlist\/offer#token=[\w-]+/.exec(text)?.[0])
        .find(Boolean);
      if (!link) await new Promise((r) => setTimeout(r, 200));
    }
    expect(link, 'offer message in the dev inbox').toBeDefined();
    await page.goto('/dev/inbox');
    await page.getByText('/waitlist/offer#token=').first().waitFor(POLL);

    await page.goto(link ?? '');
    await page.getByTestId('offer-accept').waitFor(POLL);
    expect(await page.getByTestId('offer-left').textContent()).toMatch(/\d+:\d\d/);
    await checkBothLanguages(page, 'waitlist-3-offer');

    await page.getByTestId('offer-accept').click();
    await page.getByTestId('offer-booked').waitFor(POLL);
    await checkBothLanguages(page, 'waitlist-4-booked');
    await page.getByTestId('open-booking').click();
    await page.waitForURL('**/manage/**');
    // The booking loads after the page's heading: wait for it, not for the first paint.
    await expect.poll(() => page.locator('main').textContent(), POLL).toContain('Confirmed');

    // The seat is not offered to anyone else or public: still nothing free that day.
    const seats = await freeSlotsViaApi(harness.baseUrl, centre, service.id);
    expect(seats.some((s) => s.start === given.start)).toBe(false);

    // Staff see the waitlist: the seat it refilled and the offer, taken, with its booking.
    const staff = await harness.newPage({ width: 1280 });
    await staff.goto('/staff/waitlist');
    await staff.locator('#email').fill('admin@demo.mawaeed.bh');
    await staff.locator('#password').fill('mawaeed-demo-2026');
    await staff.locator('button[type="submit"]').click();
    const offer = staff.getByTestId('waitlist-offer').filter({ hasText: service.name.en }).first();
    await offer.waitFor(POLL);
    expect(await offer.getByTestId('waitlist-offer-status').textContent()).toBe('Accepted');
    const row = staff.getByTestId('waitlist-service').filter({ hasText: service.name.en });
    expect(Number(await row.getByTestId('waitlist-filled').textContent())).toBeGreaterThanOrEqual(1);
    await checkBothLanguages(staff, 'waitlist-5-staff');
  });
});
