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
  h1,
  loadCatalogue,
  POLL,
  pickFirst,
  randomCpr,
} from './portal';

let harness: Harness;
let catalogue: Catalogue;

beforeAll(async () => {
  harness = await startHarness();
  catalogue = await loadCatalogue(harness.baseUrl);
});

afterAll(async () => {
  await harness?.close();
});

const PASSPORT = 'passport-renewal';
const passport = () => {
  const s = catalogue.services.find((x) => x.code === PASSPORT);
  if (!s) throw new Error('demo data has no passport renewal');
  return s;
};

/** Service → centre → date → time, checking each page; returns the chosen slot's start. */
async function chooseSlot(page: Page, language: 'en' | 'ar', prefix: string, check = true): Promise<string> {
  const service = passport();
  const checkStep = (name: string) => (check ? checkPage(page, name) : Promise.resolve());
  await page.goto('/');
  await checkStep(`${prefix}-home`);
  await page.getByTestId('start').click();
  await h1(page);
  // Continue without an answer: the error summary links to the field and the title says "Error".
  await continueOn(page);
  await page.getByTestId('error-summary').waitFor();
  expect(await page.title()).toMatch(language === 'ar' ? /^خطأ:/ : /^Error:/);
  await checkStep(`${prefix}-1-service-error`);
  await page.getByRole('radio', { name: service.name[language] }).check({ force: true });
  await continueOn(page);

  await page.waitForURL('**/book/centre');
  await page.getByTestId('earliest-free').first().waitFor(POLL);
  await checkStep(`${prefix}-2-centre`);
  await pickFirst(page, 'centre');
  await continueOn(page);

  await page.waitForURL('**/book/date');
  await page.getByTestId('earliest').waitFor(POLL);
  // Closed days are listed, cannot be picked, and say why.
  const closed = page.locator('input[name="date"][disabled]').first();
  expect(await closed.count()).toBe(1);
  await checkStep(`${prefix}-3-date`);
  await pickFirst(page, 'date');
  await continueOn(page);

  await page.waitForURL('**/book/time');
  await checkStep(`${prefix}-4-time`);
  const start = await pickFirst(page, 'time');
  await continueOn(page);
  await page.waitForURL('**/book/details');
  return start;
}

describe('booking an appointment', () => {
  it('books in English, survives a language switch and a refresh, and confirms with reference, QR and calendar', async () => {
    const page = await harness.newPage({ locale: 'en-GB', width: 1280 });
    const start = await chooseSlot(page, 'en', 'book');

    // Bad details get specific messages.
    await fillDetails(page, { name: 'Fatima Ali', cpr: '12345', mobile: '17001234' });
    await continueOn(page);
    await page.getByTestId('error-summary').waitFor();
    const summary = await page.getByTestId('error-summary').textContent();
    expect(summary).toContain('A CPR number has exactly 9 digits');
    expect(summary).toContain('Enter a Bahrain mobile number');
    await checkPage(page, 'book-5-details-error');

    // Arabic-Indic digits are accepted; the mobile in international form too.
    const cpr = randomCpr();
    const arabicCpr = cpr.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)] ?? d);
    await fillDetails(page, { name: 'Fatima Ali', cpr: arabicCpr, mobile: '+973 3600 1234' });
    await continueOn(page);
    await page.waitForURL('**/book/check');
    await checkPage(page, 'book-6-check');
    expect(await page.getByTestId('summary-cpr').textContent()).toContain(cpr);
    expect(await page.getByTestId('summary-mobile').textContent()).toContain('+973 3600 1234');

    // A language switch and a refresh keep every answer.
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect.poll(() => h1(page), POLL).toBe('راجع إجاباتك قبل الحجز');
    await page.reload();
    expect(await page.getByTestId('summary-name').textContent()).toContain('Fatima Ali');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(page), POLL).toBe('Check your answers before booking');

    // "Change" returns to check-your-answers.
    await page.getByTestId('summary-name').getByRole('link').click();
    await page.waitForURL('**/book/details?from=check');
    await page.locator('#name').fill('Fatima Ahmed Ali');
    await page.locator('#cpr').fill(cpr);
    await continueOn(page);
    await page.waitForURL('**/book/check');
    expect(await page.getByTestId('summary-name').textContent()).toContain('Fatima Ahmed Ali');

    await page.getByTestId('continue').click();
    await page.waitForURL('**/book/confirmation');
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    expect(reference).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await page.locator('[data-testid="qr"] svg').waitFor();
    expect(await page.getByTestId('documents').locator('li').count()).toBe(passport().documents.en.length);
    const google = await page.getByTestId('google-calendar').getAttribute('href');
    const utc = new Date(start)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    expect(google).toContain(`dates=${utc}%2F`);
    await checkPage(page, 'book-7-confirmation');

    // The calendar file downloads with the token.
    const download = page.waitForEvent('download');
    await page.getByTestId('ics').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`mawaeed-${reference.replace('-', '')}.ics`);

    // Back after booking shows the booking, it does not book again.
    await page.goBack();
    await page.waitForURL('**/book/check');
    await expect.poll(() => h1(page), POLL).toBe('You have already booked this appointment');

    // Offline, the confirmation still opens (service worker + localStorage).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.goto('/book/confirmation');
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, POLL);
    await page.context().setOffline(true);
    await page.reload();
    expect(await page.getByTestId('reference').textContent()).toBe(reference);
    await page.context().setOffline(false);
  });

  it('books in Arabic with the Hijri date beside the Gregorian one, identifiers left to right', async () => {
    const page = await harness.newPage({ locale: 'ar-BH', width: 390, height: 844 });
    await chooseSlot(page, 'ar', 'book-ar');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    await checkPage(page, 'book-ar-5-details');
    await fillDetails(page, { name: 'فاطمة علي', cpr: randomCpr(), mobile: '٣٦٠٠١٢٣٤' });
    await continueOn(page);
    await page.waitForURL('**/book/check');
    await checkPage(page, 'book-ar-6-check');
    expect(await page.getByTestId('summary-mobile').textContent()).toContain('+973 3600 1234');
    await page.getByTestId('continue').click();
    await page.waitForURL('**/book/confirmation');
    const hijri = (await page.getByTestId('hijri').textContent()) ?? '';
    expect(hijri).toMatch(/\d{4} هـ/);
    expect(await page.getByTestId('reference').locator('bdi').getAttribute('dir')).toBe('ltr');
    await checkPage(page, 'book-ar-7-confirmation');
  });

  it('returns to the times of the day when the slot is taken meanwhile, keeping every other answer', async () => {
    const page = await harness.newPage({ locale: 'en-GB' });
    const start = await chooseSlot(page, 'en', 'taken', false);
    await fillDetails(page, { name: 'Sara Hasan', cpr: randomCpr(), mobile: '66001234' });
    await continueOn(page);
    await page.waitForURL('**/book/check');

    // Someone else takes every seat of that slot.
    const answers = await page.evaluate(() => JSON.parse(sessionStorage.getItem('mawaeed.booking') ?? '{}'));
    for (;;) {
      const res = await fetch(`${harness.baseUrl}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          centreId: answers.centreId,
          serviceId: answers.serviceId,
          start,
          customer: { cpr: randomCpr(), name: 'Other', mobile: '36009999', language: 'en' },
        }),
      });
      if (res.status === 409) break;
      expect(res.status).toBe(201);
    }

    await page.getByTestId('continue').click();
    await page.waitForURL('**/book/time');
    await page.getByTestId('slot-taken').waitFor();
    await checkPage(page, 'taken-4-time-again');
    expect(await page.getByTestId(`time-${start}`).isDisabled()).toBe(true);
    await pickFirst(page, 'time');
    await continueOn(page);
    // Name, CPR and mobile were kept: straight on to check your answers.
    await page.waitForURL('**/book/details');
    expect(await page.locator('#name').inputValue()).toBe('Sara Hasan');
    await continueOn(page);
    await page.waitForURL('**/book/check');
    await page.getByTestId('continue').click();
    await page.waitForURL('**/book/confirmation');
  });
});

describe('managing a booking', () => {
  it('finds a booking by reference and CPR, reschedules it, then cancels it and frees the slot', async () => {
    const service = passport();
    const centre = catalogue.centres.find((c) => c.services.includes(service.id));
    if (!centre) throw new Error('no centre offers passport renewal');
    const slots = await freeSlotsViaApi(harness.baseUrl, centre, service.id);
    const cpr = randomCpr();
    const booked = await bookViaApi(harness.baseUrl, {
      centreId: centre.id,
      serviceId: service.id,
      start: slots[0]?.start ?? '',
      cpr,
    });

    const page = await harness.newPage({ locale: 'en-GB', width: 390, height: 844 });
    await page.goto('/manage');
    await checkPage(page, 'manage-1-find');
    await page.locator('#reference').fill(booked.reference.toLowerCase());
    await page.locator('#cpr').fill('123456789');
    await continueOn(page);
    await page.getByTestId('error-summary').waitFor();
    expect(await page.getByTestId('error-summary').textContent()).toContain('We could not find');
    await page.locator('#cpr').fill(cpr);
    await continueOn(page);
    await page.waitForURL(`**/manage/${booked.reference}`);
    await page.getByTestId('status').waitFor(POLL);
    expect(await page.getByTestId('reference').textContent()).toBe(
      `${booked.reference.slice(0, 4)}-${booked.reference.slice(4)}`,
    );
    await checkPage(page, 'manage-2-view');

    // Reschedule to the first free time of another day.
    await page.getByTestId('reschedule').click();
    await page.waitForURL('**/reschedule');
    await checkPage(page, 'manage-3-reschedule-date');
    const radios = page.locator('input[name="date"]:not([disabled])');
    await radios.nth(1).waitFor();
    await page.locator(`label[for="${await radios.nth(1).getAttribute('id')}"]`).click();
    await continueOn(page);
    await page.waitForURL('**/reschedule?date=*');
    await checkPage(page, 'manage-4-reschedule-time');
    const newStart = await pickFirst(page, 'time');
    await continueOn(page);
    await page.waitForURL('**/manage/*?done=rescheduled');
    await page.getByTestId('done').waitFor();
    const moved = await fetch(`${harness.baseUrl}/api/v1/bookings/${booked.reference}`, {
      headers: { authorization: `Bearer ${booked.manageToken}` },
    });
    expect(((await moved.json()) as { start: string }).start).toBe(newStart);

    // Cancel, with a confirmation step; the slot is free again.
    const before = (await freeSlotsViaApi(harness.baseUrl, centre, service.id)).find(
      (s) => s.start === newStart,
    );
    await page.getByTestId('cancel').click();
    await page.waitForURL('**/cancel');
    await checkPage(page, 'manage-5-cancel');
    await page.getByTestId('confirm-cancel').click();
    await page.waitForURL('**/manage/*?done=cancelled');
    await expect.poll(() => page.getByTestId('status').textContent(), POLL).toBe('Cancelled');
    await checkPage(page, 'manage-6-cancelled');
    const after = (await freeSlotsViaApi(harness.baseUrl, centre, service.id)).find(
      (s) => s.start === newStart,
    );
    expect(after?.remaining).toBe((before?.remaining ?? 0) + 1);
  });

  it('opens a booking from its manage link, with the token in the fragment only', async () => {
    const service = passport();
    const centre = catalogue.centres.find((c) => c.services.includes(service.id));
    if (!centre) throw new Error('no centre offers passport renewal');
    const slots = await freeSlotsViaApi(harness.baseUrl, centre, service.id);
    const booked = await bookViaApi(harness.baseUrl, {
      centreId: centre.id,
      serviceId: service.id,
      start: slots[1]?.start ?? '',
    });
    const page = await harness.newPage({ locale: 'ar-BH' });
    await page.goto(`/manage/${booked.reference}#token=${encodeURIComponent(booked.manageToken)}`);
    await page.getByTestId('status').waitFor(POLL);
    // The token left the address bar.
    expect(page.url()).not.toContain('token');
    await checkPage(page, 'manage-link-view');
  });
});

describe('time zones', () => {
  it('shows the same Bahrain times in a browser set to Los Angeles', async () => {
    const times: string[][] = [];
    for (const timezoneId of ['America/Los_Angeles', 'Asia/Bahrain']) {
      const page = await harness.newPage({ locale: 'en-GB', timezoneId });
      await page.goto(`/services/${passport().id}`);
      await page.getByTestId('book-service').click();
      await page.waitForURL('**/book/centre');
      await pickFirst(page, 'centre');
      await continueOn(page);
      await page.waitForURL('**/book/date');
      await pickFirst(page, 'date');
      await continueOn(page);
      await page.waitForURL('**/book/time');
      await page.locator('input[name="time"]').first().waitFor();
      times.push(await page.locator('label[for^="time"]').allTextContents());
      expect(await page.getByTestId('time-context').textContent()).toContain('Bahrain time');
    }
    expect(times[0]?.length).toBeGreaterThan(0);
    expect(times[0]).toEqual(times[1]);
  });
});

describe('catalogue pages', () => {
  it('shows centres with hours today and open-now, a centre page, and a service page with earliest free days', async () => {
    for (const locale of ['en-GB', 'ar-BH']) {
      const page = await harness.newPage({ locale });
      await page.goto('/centres');
      await page.getByTestId('centre-card').first().waitFor(POLL);
      expect(await page.getByTestId('centre-card').count()).toBe(catalogue.centres.length);
      await checkPage(page, 'centres');
      await page.getByTestId('centre-card').first().getByRole('heading').getByRole('link').click();
      await page.getByTestId('week-hours').waitFor(POLL);
      expect(await page.getByTestId('week-hours').locator('tr').count()).toBe(7);
      await checkPage(page, 'centre');
      await page.goto(`/services/${passport().id}`);
      await page.getByTestId('earliest-free').first().waitFor(POLL);
      await checkPage(page, 'service');
    }
  });
});
