/**
 * The centre administration screens after a centre exists: closures through the bookings-affected
 * decision, kiosk and board keys, capacity by time of day, copying a centre, and every screen
 * checked with axe in both languages (screenshots at 390 and 1280 px with SCREENSHOTS=1).
 */
import type { Centre } from '@mawaeed/core/contracts/catalogue';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { bookViaApi, type Catalogue, checkPage, freeSlotsViaApi, loadCatalogue } from './portal';

/** Generous: these journeys run beside other work on a two-core machine. */
const POLL = { timeout: 30_000 };
const PASSWORD = 'mawaeed-demo-2026';
const ADMIN = 'admin@demo.mawaeed.bh';

let harness: Harness;
let catalogue: Catalogue;
let centre: Centre;
let serviceId: string;

beforeAll(async () => {
  harness = await startHarness();
  catalogue = await loadCatalogue(harness.baseUrl);
  const first = catalogue.centres.find((c) => c.services.length > 0);
  if (!first) throw new Error('demo data has no centre with services');
  centre = first;
  serviceId = first.services[0] ?? '';
});

afterAll(async () => {
  await harness?.close();
});

/** Signs in by the form's ids, so it works whichever language the page is in. */
async function signedInPage(locale: 'en-GB' | 'ar-BH', path: string, width = 1280): Promise<Page> {
  const page = await harness.newPage({ locale, width });
  await page.goto(path);
  await page.locator('#email').fill(ADMIN);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await expect.poll(() => new URL(page.url()).pathname, POLL).toBe(new URL(path, 'http://x').pathname);
  return page;
}

const centrePath = (tab: string) => `/staff/centres/${centre.id}?tab=${tab}`;
const dayOf = (instant: string) => instant.slice(0, 10);

async function bookingStatus(reference: string, manageToken: string): Promise<string> {
  const res = await fetch(`${harness.baseUrl}/api/v1/bookings/${reference}`, {
    headers: { authorization: `Bearer ${manageToken}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { status: string }).status;
}

async function dayOfAvailability(date: string) {
  const res = await fetch(
    `${harness.baseUrl}/api/v1/centres/${centre.id}/availability?service=${serviceId}&from=${date}&to=${date}`,
  );
  const body = (await res.json()) as {
    days: { open: boolean; reason?: string; slots: { start: string; end: string; remaining: number }[] }[];
  };
  const day = body.days[0];
  if (!day) throw new Error(`no day ${date}`);
  return day;
}

async function addClosure(page: Page, date: string, reason: string) {
  await page.getByRole('button', { name: 'Add a holiday or closure' }).click();
  await page.getByLabel('Date', { exact: true }).fill(date);
  await page.getByLabel('Reason in English').fill(reason);
  await page.getByLabel('Reason in Arabic').fill('صيانة المبنى');
  await page.getByRole('button', { name: 'Add the closure' }).click();
}

describe('closures and the bookings they affect', () => {
  it('lists the booking on the closed day; "keep" keeps it and closes the day to new bookings, "cancel" cancels and tells the person', async () => {
    const slots = await freeSlotsViaApi(harness.baseUrl, centre, serviceId);
    const days = [...new Set(slots.map((s) => dayOf(s.start)))];
    const [keepDay, cancelDay] = days.slice(-2);
    if (!keepDay || !cancelDay) throw new Error('fewer than two bookable days');
    const start = (day: string) => slots.find((s) => dayOf(s.start) === day)?.start ?? '';
    const kept = await bookViaApi(harness.baseUrl, { centreId: centre.id, serviceId, start: start(keepDay) });
    const cancelled = await bookViaApi(harness.baseUrl, {
      centreId: centre.id,
      serviceId,
      start: start(cancelDay),
    });

    const page = await signedInPage('en-GB', centrePath('calendar'));
    await checkPage(page, 'staff-centre-calendar');

    await addClosure(page, keepDay, 'Building works');
    const dialog = page.getByRole('dialog', { name: 'This change affects existing bookings' });
    await dialog.waitFor(POLL);
    const shown = `${kept.reference.slice(0, 4)}-${kept.reference.slice(4)}`;
    await expect.poll(() => dialog.textContent(), POLL).toContain(shown);
    await page.getByRole('button', { name: 'Keep their seats' }).click();
    await page.getByText('Holiday or closure added.').waitFor(POLL);
    expect(await bookingStatus(kept.reference, kept.manageToken)).toBe('confirmed');
    expect(await dayOfAvailability(keepDay)).toMatchObject({ open: false, reason: 'CLOSURE' });
    // The new closure is listed with its provisional Hijri date beside the Gregorian one.
    const row = page.getByTestId('closures-table').locator('tr', { hasText: 'Building works' });
    await row.waitFor(POLL);
    expect(await row.getByTestId('hijri-date').textContent()).toMatch(/\d{4}.*Hijri, provisional/);

    await addClosure(page, cancelDay, 'Building works, second day');
    await dialog.waitFor(POLL);
    await page.getByRole('button', { name: 'Cancel them and tell the people' }).click();
    await page.getByText('Holiday or closure added.').waitFor(POLL);
    expect(await bookingStatus(cancelled.reference, cancelled.manageToken)).toBe('cancelled');
    const messages = await page.request.get('/api/v1/admin/messages?limit=500');
    const items = ((await messages.json()) as { items: { kind: string; reference: string | null }[] }).items;
    expect(items.filter((m) => m.reference === cancelled.reference).map((m) => m.kind)).toContain('closure');
    expect(await dayOfAvailability(cancelDay)).toMatchObject({ open: false, reason: 'CLOSURE' });
  });
});

describe('special periods', () => {
  it('special hours for a day change its public availability, and removing them restores it', async () => {
    const slots = await freeSlotsViaApi(harness.baseUrl, centre, serviceId);
    const days = [...new Set(slots.map((s) => dayOf(s.start)))];
    // A day before the ones the closure journey closes.
    const day = days.at(-4);
    if (!day) throw new Error('too few bookable days');
    expect((await dayOfAvailability(day)).open).toBe(true);

    const page = await signedInPage('en-GB', centrePath('calendar'));
    await page.getByRole('button', { name: 'Add a special period (such as Ramadan hours)' }).click();
    await page.getByLabel('Name in English').fill('Inventory day');
    await page.getByLabel('Name in Arabic').fill('يوم الجرد');
    await page.getByLabel('First day').fill(day);
    await page.getByLabel('Last day').fill(day.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)] ?? d));
    // Closed all that day: every range of the copied weekly hours removed.
    const remove = page.getByRole('button', { name: 'Remove these hours' });
    while ((await remove.count()) > 0) await remove.first().click();
    await page.getByRole('button', { name: 'Add the special period' }).click();
    await page.getByText('Special period added.').waitFor(POLL);
    await expect.poll(async () => (await dayOfAvailability(day)).open, POLL).toBe(false);

    const row = page.getByTestId('periods-table').locator('tr', { hasText: 'Inventory day' });
    await row.getByRole('button', { name: /^Remove Inventory day/ }).click();
    await expect.poll(() => row.count(), POLL).toBe(0);
    expect((await dayOfAvailability(day)).open).toBe(true);
  });
});

describe('kiosks and boards', () => {
  it('shows a new device key once; the key reaches the device API until it is revoked', async () => {
    const page = await signedInPage('en-GB', centrePath('devices'));
    await page.getByLabel('Screen').selectOption('kiosk');
    await page.getByLabel('Name', { exact: true }).fill('Entrance kiosk 1');
    await page.getByRole('button', { name: 'Register the device' }).click();
    const shown = page.getByTestId('device-token');
    await shown.waitFor(POLL);
    expect(await shown.textContent()).toContain('it will not be shown again');
    const token = ((await page.getByTestId('device-token-value').textContent()) ?? '').trim();
    // The set-up address opens the kiosk with the key in its fragment (never sent to a server).
    expect(await shown.textContent()).toContain(`${harness.baseUrl}/kiosk#token=${token}`);
    const asDevice = () =>
      fetch(`${harness.baseUrl}/api/v1/device/centre`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asDevice()).status).toBe(200);
    await checkPage(page, 'staff-device-registered');

    // Gone after a reload: only its hash is kept.
    await page.reload();
    await page.getByTestId('devices-table').waitFor(POLL);
    expect(await page.getByTestId('device-token').count()).toBe(0);
    expect(await page.content()).not.toContain(token);

    await page.getByRole('button', { name: 'Revoke Entrance kiosk 1' }).click();
    await page.getByRole('button', { name: 'Revoke the key' }).click();
    await expect.poll(() => page.getByTestId('devices-table').textContent(), POLL).toContain('Revoked');
    expect((await asDevice()).status).toBe(401);
  });
});

describe('capacity by time of day', () => {
  it('a rule for one time of day changes the seats the public availability offers then, and only then', async () => {
    const slots = await freeSlotsViaApi(harness.baseUrl, centre, serviceId);
    const day = dayOf(slots.at(-1)?.start ?? '');
    const time = (instant: string) => instant.slice(11, 16);
    const page = await signedInPage('en-GB', centrePath('offerings'));
    // Rules are read first match first, so the new one goes where no existing rule reaches.
    const offerings = await page.request.get(`/api/v1/admin/centres/${centre.id}/offerings`);
    const rules =
      (
        (await offerings.json()) as {
          items: { serviceId: string; capacityRules: { from: string; to: string }[] }[];
        }
      ).items.find((o) => o.serviceId === serviceId)?.capacityRules ?? [];
    const uncovered = (await dayOfAvailability(day)).slots.filter(
      (s) => !rules.some((r) => r.from <= time(s.start) && time(s.start) < r.to),
    );
    const [first, second] = uncovered;
    if (!first || !second) throw new Error('too few slots outside the existing rules');

    const service = catalogue.services.find((s) => s.id === serviceId);
    await page.getByLabel('Service', { exact: true }).selectOption({ label: service?.name.en ?? '' });
    const editor = page.getByTestId('capacity-rules');
    await editor.getByRole('button', { name: 'Add a time of day' }).click();
    await editor.getByLabel('From').last().fill(time(first.start));
    await editor.getByLabel('Until').last().fill(time(first.end));
    await editor
      .getByLabel('People per slot')
      .last()
      .fill(String(first.remaining + 3));
    await page.getByRole('button', { name: 'Save the offering' }).click();
    await page.getByText('Offering saved.').waitFor(POLL);
    await expect
      .poll(() => page.getByTestId('offerings-table').textContent(), POLL)
      .toContain(`${time(first.start)}–${time(first.end)}`);
    await checkPage(page, 'staff-centre-offerings');

    const after = await dayOfAvailability(day);
    expect(after.slots.find((s) => s.start === first.start)?.remaining).toBe(first.remaining + 3);
    expect(after.slots.find((s) => s.start === second.start)?.remaining).toBe(second.remaining);
  });
});

describe('copying a centre', () => {
  it('a centre added as a copy of another starts with its hours and offerings, and its hours can be applied to another centre at once', async () => {
    const page = await signedInPage('en-GB', '/staff/centres/new');
    await page.getByLabel('Code (lower-case letters, digits and dashes)').fill('e2e-copy');
    await page.getByLabel('Name in English').fill('Copied Centre');
    await page.getByLabel('Name in Arabic').fill('مركز منسوخ');
    await page.getByLabel('Address in English').fill('Road 2, Manama');
    await page.getByLabel('Address in Arabic').fill('طريق 2، المنامة');
    await page.getByLabel('Phone').fill('+973 1700 0001');
    await page.getByLabel('Latitude').fill('26.2');
    await page.getByLabel('Longitude').fill('50.6');
    await page.getByLabel('Copy hours, special periods, offerings and counters from').selectOption({
      label: centre.name.en,
    });
    await page.getByRole('button', { name: 'Add the centre' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tab'), POLL).toBe('hours');
    const copyId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(copyId).not.toBe(centre.id);

    const open = (hours: Centre['weeklyHours']) =>
      Object.entries(hours).flatMap(([day, ranges]) => ranges.map((r) => `${day} ${r.open}`));
    for (const line of open(centre.weeklyHours)) {
      const [day, opens] = line.split(' ');
      const values = () =>
        page
          .getByTestId(`hours-${day}`)
          .getByLabel('Opens')
          .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      await expect.poll(values, POLL).toContain(opens);
    }
    // The copy's new Sunday hours, applied to another centre in the same step.
    const other = catalogue.centres.find((c) => c.id !== centre.id);
    if (!other) throw new Error('demo data has one centre');
    const sunday = page.getByTestId('hours-sun');
    if ((await sunday.getByLabel('Opens').count()) === 0) {
      await sunday.getByRole('button', { name: 'Add opening hours' }).click();
    }
    await sunday.getByLabel('Opens').first().fill('07:30');
    await sunday.getByLabel('Closes').first().fill('١١:٠٠');
    await page.getByRole('checkbox', { name: other.name.en }).check();
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await page.getByText('Weekly hours saved.').waitFor(POLL);
    const otherNow = (await (await fetch(`${harness.baseUrl}/api/v1/centres/${other.id}`)).json()) as Centre;
    expect(otherNow.weeklyHours.sun[0]).toEqual({ open: '07:30', close: '11:00' });

    await page.getByRole('tab', { name: 'Offerings' }).click();
    const table = page.getByTestId('offerings-table');
    await table.waitFor(POLL);
    for (const id of centre.services) {
      const name = catalogue.services.find((s) => s.id === id)?.name.en ?? id;
      expect(await table.textContent()).toContain(name);
    }
  });
});

describe('counters', () => {
  it('an administrator adds a counter serving a service, renames it, then takes it out of use', async () => {
    const page = await signedInPage('en-GB', centrePath('counters'));
    const service = catalogue.services.find((s) => s.id === serviceId);
    await page.getByLabel('Counter number').fill('٤٢');
    await page.getByLabel('Name in English').fill('Counter 42');
    await page.getByLabel('Name in Arabic').fill('الشباك 42');
    await page.getByRole('checkbox', { name: service?.name.en ?? '' }).check();
    await page.getByRole('button', { name: 'Add the counter' }).click();
    await page.getByText('Counter 42 saved.').waitFor(POLL);
    const row = page.getByTestId('counters-table').locator('tr', { hasText: 'Counter 42' });
    expect(await row.textContent()).toContain(service?.name.en);

    await row.getByRole('button', { name: 'Change counter 42' }).click();
    await page.getByLabel('Name in English').fill('Passports 42');
    await page.getByLabel('In use (untick to take the counter out of use)').uncheck();
    await page.getByRole('button', { name: 'Save the counter' }).click();
    await page.getByText('Counter 42 saved.').waitFor(POLL);
    const changed = page.getByTestId('counters-table').locator('tr', { hasText: 'Passports 42' });
    await expect.poll(() => changed.textContent(), POLL).toContain('Out of use');
  });
});

describe('services', () => {
  it('an administrator adds a service with its documents in both languages, and the public catalogue lists it', async () => {
    const page = await signedInPage('en-GB', '/staff/services');
    await page.getByRole('link', { name: 'Add a service' }).click();
    await page.getByLabel('Code (lower-case letters, digits and dashes)').fill('e2e-permit');
    await page.getByLabel('Ticket letter').fill('z');
    await page.getByLabel('Name in English').fill('Work permit');
    await page.getByLabel('Name in Arabic').fill('تصريح العمل');
    await page.getByLabel('Description in English').fill('Issue a work permit');
    await page.getByLabel('Description in Arabic').fill('إصدار تصريح عمل');
    await page.getByLabel('Documents to bring, in English').fill('Passport\nEmployment contract');
    await page.getByLabel('Documents to bring, in Arabic').fill('جواز السفر\nعقد العمل');
    await page.getByLabel('Duration (minutes)').fill('٢٠');
    await page.getByRole('button', { name: 'Add the service' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe('Work permit');

    const listed = (
      (await (await fetch(`${harness.baseUrl}/api/v1/services`)).json()) as {
        items: { code: string; durationMinutes: number; documents: { en: string[]; ar: string[] } }[];
      }
    ).items.find((s) => s.code === 'e2e-permit');
    expect(listed).toMatchObject({
      durationMinutes: 20,
      documents: { en: ['Passport', 'Employment contract'], ar: ['جواز السفر', 'عقد العمل'] },
    });
  });
});

describe('a centre manager', () => {
  it("edits their centre's details but not its time zone, which is the ministry's call", async () => {
    const page = await harness.newPage({ locale: 'en-GB', width: 390 });
    await page.goto('/staff/centres');
    await page.locator('#email').fill('manager@demo.mawaeed.bh');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('centres-table').getByRole('link').first().click();
    await page.getByLabel('Phone').waitFor(POLL);
    expect(await page.locator('#timeZone').count()).toBe(0);
    await page.getByLabel('Phone').fill('+973 1700 9999');
    await page.getByRole('button', { name: 'Save the details' }).click();
    await page.getByText('Centre details saved.').waitFor(POLL);
    const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const publicView = (await (await fetch(`${harness.baseUrl}/api/v1/centres/${id}`)).json()) as Centre;
    expect(publicView.phone).toBe('+973 1700 9999');
    await checkPage(page, 'staff-centre-details-manager');
  });
});

describe('every centre screen, in both languages', () => {
  for (const locale of ['en-GB', 'ar-BH'] as const) {
    it(`passes axe with no sideways scrolling (${locale})`, async () => {
      const page = await signedInPage(locale, centrePath('details'));
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(
        locale === 'ar-BH' ? 'rtl' : 'ltr',
      );
      for (const tab of ['details', 'hours', 'offerings', 'counters', 'devices', 'calendar']) {
        await page.goto(centrePath(tab));
        await page.getByRole('tabpanel').waitFor(POLL);
        await checkPage(page, `staff-centre-${tab}`);
      }
      // Holidays show their Umm al-Qura date beside the Gregorian one, marked provisional.
      const hijri = await page.getByTestId('hijri-date').first().textContent();
      expect(hijri).toMatch(locale === 'ar-BH' ? /\d{4} هـ.*هجري، تقديري/ : /\d{4} AH.*Hijri, provisional/);
      // The calendar's two add forms, shown one at a time.
      for (const form of ['closure', 'period']) {
        await page.getByTestId(`add-${form}`).click();
        await page.locator('#name\\.en').waitFor(POLL);
        await checkPage(page, `staff-centre-calendar-${form}`);
      }
      await page.goto('/staff/services');
      await page.getByTestId('services-table').waitFor(POLL);
      await checkPage(page, 'staff-services');
      await page.getByTestId('services-table').getByRole('link').first().click();
      await page.locator('#letter').waitFor(POLL);
      await checkPage(page, 'staff-service');
    });
  }
});
