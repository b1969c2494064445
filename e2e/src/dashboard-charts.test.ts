import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, screenshot, startHarness } from './harness';
import { checkPage } from './portal';

const POLL = { timeout: 20_000 };
const WORDS = {
  en: {
    email: 'Email address',
    password: 'Password',
    signIn: 'Sign in',
    table: 'Table',
    chart: 'Chart',
    report: 'Monthly report',
    dashboard: 'Dashboard',
    print: 'Print',
  },
  ar: {
    email: 'البريد الإلكتروني',
    password: 'كلمة المرور',
    signIn: 'تسجيل الدخول',
    table: 'جدول',
    chart: 'رسم بياني',
    report: 'التقرير الشهري',
    dashboard: 'لوحة المؤشرات',
    print: 'طباعة',
  },
} as const;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function signInAsAdmin(language: 'en' | 'ar', width: number) {
  const words = WORDS[language];
  const page = await harness.newPage({ locale: language === 'en' ? 'en-GB' : 'ar-BH', width });
  await page.goto('/staff/sign-in');
  await page.getByLabel(words.email).fill('admin@demo.mawaeed.bh');
  await page.getByLabel(words.password, { exact: true }).fill('mawaeed-demo-2026');
  await page.getByRole('button', { name: words.signIn }).click();
  await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/staff');
  return page;
}

/** A figure's chart shows, then its table view lists rows, then the chart comes back. */
async function seeChartAndTable(page: Page, testId: string, language: 'en' | 'ar') {
  const figure = page.getByTestId(testId);
  await expect.poll(() => figure.isVisible(), POLL).toBe(true);
  await figure.getByText(WORDS[language].table, { exact: true }).click();
  await expect.poll(() => figure.locator('table tbody tr').count(), POLL).toBeGreaterThan(0);
  await figure.getByText(WORDS[language].chart, { exact: true }).click();
}

describe('the dashboard’s charts and the monthly report', () => {
  for (const language of ['en', 'ar'] as const) {
    it(`shows the trend, the heat map and the wait distribution with their tables (${language})`, async () => {
      const page = await signInAsAdmin(language, 1280);
      await page.goto('/staff/dashboard');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), POLL)
        .toBe(WORDS[language].dashboard);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(language === 'ar' ? 'rtl' : 'ltr');
      // The demo's 90 days of history: the heat map has shaded cells with median waits in them.
      const grid = page.getByTestId('heat-map-grid');
      await expect.poll(() => grid.locator('tbody tr').count(), POLL).toBeGreaterThan(0);
      expect(await grid.locator('td').filter({ hasText: /\d/ }).count()).toBeGreaterThan(0);
      for (const id of ['dashboard-daily', 'dashboard-heat-map', 'dashboard-distribution']) {
        await seeChartAndTable(page, id, language);
      }
      // Back to the top, so the full-page screenshots show the sticky navigation where it starts.
      await page.evaluate(() => window.scrollTo(0, 0));
      await checkPage(page, 'dashboard-charts');
    });

    it(`prints a monthly report without the staff navigation (${language})`, async () => {
      const page = await signInAsAdmin(language, 1280);
      await page.goto('/staff/dashboard');
      await page.getByRole('link', { name: WORDS[language].report }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), POLL)
        .toBe(WORDS[language].report);
      await expect.poll(() => page.getByTestId('dashboard-scorecard').isVisible(), POLL).toBe(true);
      await expect.poll(() => page.getByTestId('heat-map-grid').isVisible(), POLL).toBe(true);
      await checkPage(page, 'dashboard-report');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('nav').first().isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: WORDS[language].print }).isVisible()).toBe(false);
      expect(await page.getByTestId('dashboard-scorecard').isVisible()).toBe(true);
      await screenshot(page, `dashboard-report-print-${language}`);
    });
  }
});
