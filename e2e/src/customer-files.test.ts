import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccessibilityViolations, type Harness, screenshot, startHarness } from './harness';
import { bookViaApi, type Catalogue, checkPage, freeSlotsViaApi, loadCatalogue, randomCpr } from './portal';

const POLL = { timeout: 20_000 };
// Stored text must stay text on the staff screen.
const NOTE = 'Prefers Arabic <img id="injected" src=x onerror="window.__pwned=1">';

let harness: Harness;
let catalogue: Catalogue;

beforeAll(async () => {
  harness = await startHarness();
  catalogue = await loadCatalogue(harness.baseUrl);
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

/** A booking by a new person at `centreId` (the first centre with a free slot when not given). */
async function bookNewPerson(centreId?: string) {
  for (const centre of catalogue.centres.filter((c) => !centreId || c.id === centreId)) {
    for (const serviceId of centre.services) {
      const [slot] = await freeSlotsViaApi(harness.baseUrl, centre, serviceId);
      if (!slot) continue;
      const cpr = randomCpr();
      const booking = await bookViaApi(harness.baseUrl, {
        centreId: centre.id,
        serviceId,
        start: slot.start,
        cpr,
      });
      return { ...booking, cpr };
    }
  }
  throw new Error('no free slot to book');
}

/** Signs in as a demo account and lands on `to`. */
async function signIn(page: Page, email: string, to: string) {
  await page.goto(`/staff/sign-in?redirect=${encodeURIComponent(to)}`);
  await page.locator('input[type=email], input[autocomplete=username]').first().fill(email);
  await page.locator('input[type=password]').fill('mawaeed-demo-2026');
  await page.locator('button[type=submit]').click();
  await expect.poll(() => new URL(page.url()).pathname, POLL).toBe(to);
}

async function search(page: Page, key: 'cpr' | 'reference' | 'mobile', value: string) {
  await page.getByTestId(`key-${key}`).check();
  await page.getByTestId('customer-key').fill(value);
  await page.getByTestId('customer-search').click();
}

describe('customer files', () => {
  it('an administrator finds a file, opens it for a stated reason, notes, consents, exports and erases', async () => {
    const person = await bookNewPerson();
    const page = await harness.newPage({ width: 1280 });
    await signIn(page, 'admin@demo.mawaeed.bh', '/staff/customers');

    // A search with nothing typed says what is missing, next to the field.
    await page.getByTestId('customer-search').click();
    await expect
      .poll(() => page.getByTestId('error-summary').textContent(), POLL)
      .toContain('Enter a CPR number');
    await search(page, 'cpr', '12345');
    await expect
      .poll(() => page.getByTestId('error-summary').textContent(), POLL)
      .toContain('exactly 9 digits');

    await search(page, 'cpr', person.cpr);
    const match = page.getByTestId('customer-match');
    await expect.poll(() => match.count(), POLL).toBe(1);
    // Masked in the list, whoever searches.
    expect(await match.textContent()).toContain(`•••••${person.cpr.slice(-4)}`);
    expect(await match.textContent()).not.toContain(person.cpr);
    // The address never carries what was searched for.
    expect(page.url()).not.toContain(person.cpr);
    await checkPage(page, 'customer-search');

    // No reason, no file.
    await page.getByTestId('open-file').click();
    await expect
      .poll(() => page.getByTestId('error-summary').textContent(), POLL)
      .toContain('Choose why you are opening the file');
    await page.getByTestId('open-reason').selectOption('counter_enquiry');
    await page.getByTestId('open-file').click();
    await expect.poll(() => page.getByTestId('file-name').textContent(), POLL).toBe('Other Person');
    // An administrator sees the CPR in full.
    expect(await page.getByTestId('file-cpr').textContent()).toBe(person.cpr);
    expect(await page.getByTestId('file-bookings').textContent()).toContain(
      `${person.reference.slice(0, 4)}-${person.reference.slice(4)}`,
    );

    await page.getByTestId('customer-note-text').fill(NOTE);
    await page.getByTestId('save-customer-note').click();
    await expect.poll(() => page.getByTestId('file-note').first().textContent(), POLL).toBe(NOTE);
    expect(await page.locator('#injected').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

    const sms = page.getByTestId('consent-sms_reminders');
    await sms.getByRole('button', { name: 'Record withdrawal' }).click();
    await expect.poll(() => sms.getByTestId('consent-state').textContent(), POLL).toContain('Withdrawn');

    await page.getByTestId('show-access-log').click();
    await expect.poll(() => page.getByTestId('access-row').count(), POLL).toBe(1);
    expect(await page.getByTestId('access-log').textContent()).toContain(
      'The person is asking at the counter',
    );
    await checkPage(page, 'customer-file');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-file').click(),
    ]);
    const exported = JSON.parse(await readFile((await download.path()) as string, 'utf8'));
    expect(exported.customer.cpr).toBe(person.cpr);
    expect(exported.bookings.map((b: { reference: string }) => b.reference)).toContain(person.reference);
    expect(exported.notes.map((n: { text: string }) => n.text)).toContain(NOTE);

    await page.getByTestId('erase-file').click();
    await page.getByTestId('confirm-erase').click();
    await page.getByTestId('file-anonymised').waitFor(POLL);
    expect(await page.getByTestId('file-cpr').textContent()).not.toContain(person.cpr.slice(-4));
    await screenshot(page, 'customer-file-erased-en-1280');

    // Erased: the CPR no longer finds anyone.
    await page.getByTestId('close-file').click();
    await search(page, 'cpr', person.cpr);
    await page.getByTestId('no-match').waitFor(POLL);
  });

  it('reads right to left in Arabic, takes Arabic-Indic digits, and shows a manager the CPR masked', async () => {
    const manager = await harness.newPage({ locale: 'ar-BH', width: 390, height: 844 });
    await signIn(manager, 'manager@demo.mawaeed.bh', '/staff/customers');
    expect(await manager.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const own = await manager.evaluate(async () => {
      const res = await fetch('/api/v1/admin/centres', { credentials: 'same-origin' });
      return ((await res.json()) as { items: { id: string }[] }).items.map((c) => c.id);
    });
    const person = await bookNewPerson(own[0]);
    const arabicDigits = person.cpr.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    await search(manager, 'cpr', arabicDigits);
    await expect.poll(() => manager.getByTestId('customer-match').count(), POLL).toBe(1);
    await checkPage(manager, 'customer-search-manager');
    await manager.getByTestId('open-reason').selectOption('complaint');
    await manager.getByTestId('open-file').click();
    await manager.getByTestId('file-cpr').waitFor(POLL);
    expect(await manager.getByTestId('file-cpr').textContent()).toBe(`•••••${person.cpr.slice(-4)}`);
    // Data-subject requests are for administrators.
    expect(await manager.getByTestId('erase-file').count()).toBe(0);
    expect(await findAccessibilityViolations(manager)).toEqual([]);
    await checkPage(manager, 'customer-file-manager');
  });
});
