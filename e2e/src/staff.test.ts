import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccessibilityViolations, type Harness, screenshot, startHarness } from './harness';

const POLL = { timeout: 10_000 };
const PASSWORD = 'mawaeed-demo-2026';
const ADMIN = 'admin@demo.mawaeed.bh';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('staff sign-in', () => {
  it('sends a visitor to sign-in, refuses a wrong password without saying which half, then returns them where they were going', async () => {
    const page = await harness.newPage({ locale: 'en-GB', width: 1280 });
    await page.goto('/staff');
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/staff/sign-in');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/staff');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('Sign in to the staff area');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'staff-sign-in-en-1280');

    await signIn(page, ADMIN, 'not-the-password');
    await expect
      .poll(() => page.getByTestId('error-summary').textContent(), POLL)
      .toContain('The email or password is not right.');
    // Nobody learns whether an account exists: an unknown email reads the same.
    await signIn(page, 'nobody@example.org', 'not-the-password');
    await expect
      .poll(() => page.getByTestId('error-summary').textContent(), POLL)
      .toContain('The email or password is not right.');

    await signIn(page, ADMIN);
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/staff');
    await expect
      .poll(() => page.getByTestId('signed-in-as').textContent(), POLL)
      .toContain('Demo administrator');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/staff/sign-in');
    // The session ended on the server: the staff area asks for sign-in again.
    await page.goto('/staff');
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/staff/sign-in');
  });

  it('reads right to left in Arabic, with the staff texts translated', async () => {
    const page = await harness.newPage({ locale: 'ar-BH', width: 390 });
    await page.goto('/staff/sign-in');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('تسجيل الدخول إلى منطقة الموظفين');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'staff-sign-in-ar-390');
  });

  it('says how many minutes to wait after repeated failures', async () => {
    const page = await harness.newPage({ locale: 'en-GB', width: 390 });
    await page.goto('/staff/sign-in');
    for (let i = 0; i < 6; i++) {
      await signIn(page, 'reception@demo.mawaeed.bh', `wrong-${i}`);
      await page.getByTestId('error-summary').waitFor(POLL);
    }
    await expect
      .poll(() => page.getByTestId('error-summary').textContent(), POLL)
      .toMatch(/Too many failed sign-ins\. Wait \d+ minutes?, then try again\./);
  });
});

describe('centres', () => {
  it('an administrator adds a centre with weekly hours and an offering, and its slots appear in the public availability API', async () => {
    const services = (await (await fetch(`${harness.baseUrl}/api/v1/services`)).json()) as {
      items: { id: string; name: { en: string } }[];
    };
    const service = services.items[0];
    if (!service) throw new Error('demo data has no service');

    const page = await harness.newPage({ locale: 'en-GB', width: 1280 });
    await page.goto('/staff/centres/new');
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/staff/sign-in');
    await signIn(page, ADMIN);
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/staff/centres/new');

    await page.getByLabel('Code (lower-case letters, digits and dashes)').fill('e2e-hidd');
    await page.getByLabel('Name in English').fill('Hidd Service Centre');
    await page.getByLabel('Name in Arabic').fill('مركز خدمات الحد');
    await page.getByLabel('Address in English').fill('Road 1, Hidd');
    await page.getByLabel('Address in Arabic').fill('طريق 1، الحد');
    await page.getByLabel('Phone').fill('+973 1700 0000');
    await page.getByLabel('Latitude').fill('26.24');
    await page.getByLabel('Longitude').fill('50.65');
    await screenshot(page, 'staff-new-centre-en-1280');
    await page.getByRole('button', { name: 'Add the centre' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tab'), POLL).toBe('hours');
    const centreId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    for (const day of ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']) {
      const fieldset = page.getByTestId(`hours-${day}`);
      await fieldset.getByRole('button', { name: 'Add opening hours' }).click();
      // Arabic-Indic digits are read as the same time.
      await fieldset.getByLabel('Opens').fill(day === 'sun' ? '٠٨:٠٠' : '08:00');
      await fieldset.getByLabel('Closes').fill('12:00');
    }
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'staff-centre-hours-en-1280');
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await page.getByText('Weekly hours saved.').waitFor(POLL);

    await page.getByRole('tab', { name: 'Offerings' }).click();
    await page.getByLabel('Service', { exact: true }).selectOption({ label: service.name.en });
    await page.getByLabel('Slot length (minutes)').fill('15');
    await page.getByLabel('People per slot').fill('2');
    await page.getByRole('button', { name: 'Save the offering' }).click();
    await page.getByText('Offering saved.').waitFor(POLL);
    await expect
      .poll(() => page.getByTestId('offerings-table').textContent(), POLL)
      .toContain(service.name.en);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(
      `${harness.baseUrl}/api/v1/centres/${centreId}/availability?service=${service.id}&from=${from}&to=${to}`,
    );
    expect(res.status).toBe(200);
    const availability = (await res.json()) as { days: { open: boolean; slots: { remaining: number }[] }[] };
    const slots = availability.days.flatMap((d) => d.slots);
    // 08:00–12:00 in 15-minute slots of two seats, on every open day in the window.
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.remaining <= 2)).toBe(true);

    // Arabic, right to left, on the same centre.
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('tab', { name: 'ساعات العمل الأسبوعية' }).click();
    await page.getByTestId('hours-sun').waitFor(POLL);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'staff-centre-hours-ar-1280');
  });

  it('a centre manager sees only the centres they run', async () => {
    const all = (await (await fetch(`${harness.baseUrl}/api/v1/centres`)).json()) as { items: unknown[] };
    expect(all.items.length).toBeGreaterThan(1);
    const page = await harness.newPage({ locale: 'en-GB', width: 390 });
    await page.goto('/staff/sign-in');
    await signIn(page, 'manager@demo.mawaeed.bh');
    await expect.poll(() => page.getByTestId('signed-in-as').textContent(), POLL).toContain('Centre manager');
    await page.getByRole('link', { name: 'Centres' }).first().click();
    const rows = page.getByTestId('centres-table').locator('tbody tr');
    await rows.first().waitFor(POLL);
    expect(await rows.count()).toBe(1);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'staff-centres-en-390');
  });
});
