/**
 * The journeys with the server's checks on, as `npm start` runs: a one-time code by SMS (read
 * from the developer inbox page, as a newcomer would) and the proof of work before booking.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import {
  type Catalogue,
  checkPage,
  continueOn,
  fillDetails,
  h1,
  loadCatalogue,
  POLL,
  pickFirst,
  randomCpr,
} from './portal';

let harness: Harness;
let catalogue: Catalogue;

beforeAll(async () => {
  harness = await startHarness({ checks: 'on' });
  catalogue = await loadCatalogue(harness.baseUrl);
});

afterAll(async () => {
  await harness?.close();
});

/** Inbox messages already used, so each read takes the code a step has just asked for. */
const seen = new Set<string>();

/**
 * The newest unseen code sent to a mobile ending in `lastTwo`, read from the inbox page (it
 * refreshes itself every few seconds; the outbox delivers within about a second).
 */
async function codeFromInbox(inbox: Page, lastTwo: string): Promise<string> {
  let code = '';
  await expect
    .poll(
      async () => {
        const cards = await inbox.getByTestId('dev-message').evaluateAll((nodes) =>
          nodes.map((n) => ({
            id: n.getAttribute('data-id') ?? '',
            to: n.querySelector('bdi[dir="ltr"]')?.textContent ?? '',
            text: n.querySelector('[data-testid="message-text"]')?.textContent ?? '',
          })),
        );
        const found = cards.find(
          (c) => !seen.has(c.id) && c.to.endsWith(lastTwo) && /#\d{6}\s*$/.test(c.text),
        );
        if (!found) return '';
        seen.add(found.id);
        code = /#(\d{6})\s*$/.exec(found.text)?.[1] ?? '';
        return code;
      },
      { timeout: 15_000, interval: 250 },
    )
    .toMatch(/^\d{6}$/);
  return code;
}

/** A second tab on the developer inbox, as a newcomer would keep open beside the portal. */
async function openInbox(page: Page): Promise<Page> {
  const inbox = await page.context().newPage();
  await inbox.goto('/dev/inbox');
  await h1(inbox);
  return inbox;
}

const passport = () => {
  const s = catalogue.services.find((x) => x.code === 'passport-renewal');
  if (!s) throw new Error('demo data has no passport renewal');
  return s;
};

/** From the service page to the code step, with the given details. */
async function reachCodeStep(page: Page, details: { name: string; cpr: string; mobile: string }) {
  await page.goto(`/services/${passport().id}`);
  await page.getByTestId('book-service').click();
  await page.waitForURL('**/book/centre');
  await pickFirst(page, 'centre');
  await continueOn(page);
  await page.waitForURL('**/book/date');
  await pickFirst(page, 'date');
  await continueOn(page);
  await page.waitForURL('**/book/time');
  await pickFirst(page, 'time');
  await continueOn(page);
  await page.waitForURL('**/book/details');
  await fillDetails(page, details);
  await continueOn(page);
  await page.waitForURL('**/book/verify');
  await page.locator('#code').waitFor();
}

/** The booking of the first journey, which the manage journey opens again. */
let booked: { reference: string; cpr: string } | undefined;

describe('with one-time codes and proof of work on', () => {
  it('books in English: the code from the developer inbox, a wrong code refused on its field, then confirmed', async () => {
    const page = await harness.newPage({ locale: 'en-GB', width: 1280 });
    // The footer offers the inbox: this server has the dev transport.
    await page.goto('/');
    await page.getByTestId('dev-inbox-link').waitFor(POLL);
    const cpr = randomCpr();
    await reachCodeStep(page, { name: 'Maryam Yusuf', cpr, mobile: '36005511' });
    expect(await page.locator('main').textContent()).toContain('+973 •••• ••11');
    await checkPage(page, 'otp-1-code');

    const inbox = await openInbox(page);
    const code = await codeFromInbox(inbox, '11');
    // The SMS is shown as sent, recipient masked, newest first.
    const newest = inbox.getByTestId('dev-message').first();
    expect(await newest.getByTestId('channel').textContent()).toBe('Text message');
    expect(await newest.textContent()).not.toContain('36005511');
    await checkPage(inbox, 'dev-inbox');

    // A wrong code: the booking is refused, and the code step says so on its field.
    const wrong = code === '000000' ? '111111' : '000000';
    await page.locator('#code').fill(wrong);
    await continueOn(page);
    await page.waitForURL('**/book/check');
    await page.getByTestId('continue').click();
    await page.waitForURL('**/book/verify');
    const summary = page.getByTestId('error-summary');
    await summary.waitFor(POLL);
    expect(await summary.textContent()).toContain('The code is wrong or has expired');
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#code');
    expect(await page.locator('#code').getAttribute('aria-invalid')).toBe('true');
    expect(await page.title()).toMatch(/^Error:/);
    await checkPage(page, 'otp-2-code-wrong');
    // The link moves focus to the field.
    await summary.getByRole('link').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('code');

    // The same code, typed right this time (the server allows a few tries): booked.
    await page.locator('#code').fill(code);
    await continueOn(page);
    await page.waitForURL('**/book/check');
    await page.getByTestId('continue').click();
    await page.waitForURL('**/book/confirmation', { timeout: 20_000 });
    const reference = ((await page.getByTestId('reference').textContent()) ?? '').replace('-', '');
    expect(reference).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    booked = { reference, cpr };
  });

  it('shows the code step and the inbox in Arabic, right to left', async () => {
    const page = await harness.newPage({ locale: 'ar-BH', width: 390, height: 844 });
    await reachCodeStep(page, { name: 'مريم يوسف', cpr: randomCpr(), mobile: '36005522' });
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await checkPage(page, 'otp-ar-1-code');
    const inbox = await openInbox(page);
    await codeFromInbox(inbox, '22');
    expect(await inbox.getByTestId('dev-message').first().getByTestId('channel').textContent()).toBe(
      'رسالة نصية',
    );
    await checkPage(inbox, 'dev-inbox');
  });

  it('opens a booking by reference, CPR and a code sent to its mobile', async () => {
    if (!booked) throw new Error('the booking journey did not book');
    const page = await harness.newPage({ locale: 'en-GB', width: 390, height: 844 });
    await page.goto('/manage');
    await page.locator('#reference').fill(booked.reference);
    await page.locator('#cpr').fill(booked.cpr);
    await continueOn(page);
    await page.getByTestId('code-sent').waitFor(POLL);
    await checkPage(page, 'otp-manage-1-code');

    const inbox = await openInbox(page);
    const code = await codeFromInbox(inbox, '11');

    await page.locator('#code').fill(code === '000000' ? '111111' : '000000');
    await continueOn(page);
    const summary = page.getByTestId('error-summary');
    await summary.waitFor(POLL);
    expect(await summary.textContent()).toContain('The code is wrong or has expired');
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#code');

    await page.locator('#code').fill(code);
    await continueOn(page);
    await page.waitForURL(`**/manage/${booked.reference}`);
    await page.getByTestId('status').waitFor(POLL);
  });
});
