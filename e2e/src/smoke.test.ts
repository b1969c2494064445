import type { Centre } from '@mawaeed/core/contracts/catalogue';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccessibilityViolations, type Harness, screenshot, startHarness } from './harness';

// Re-rendering after a language switch may trail `<html lang>` by a frame: poll, don't read once.
const POLL = { timeout: 5_000 };

let harness: Harness;
let centres: Centre[];

beforeAll(async () => {
  harness = await startHarness();
  const res = await fetch(`${harness.baseUrl}/api/v1/centres`);
  expect(res.status).toBe(200);
  centres = ((await res.json()) as { items: Centre[] }).items;
});

afterAll(async () => {
  await harness?.close();
});

async function documentLanguage(page: Page) {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

/** The centre names the home page lists, once the list has settled (ready or empty). */
async function listedCentreNames(page: Page): Promise<string[]> {
  const list = page.getByTestId('centres');
  await list.and(page.locator('[data-state="ready"], [data-state="empty"]')).waitFor();
  return list.getByRole('heading', { level: 3 }).allTextContents();
}

describe('home page', () => {
  it('lists the centres the API returns, in English, then in Arabic after switching language', async () => {
    // Demo data lists centres, so an empty page cannot pass by matching an empty API answer.
    expect(centres.length).toBeGreaterThan(0);
    const page = await harness.newPage({ locale: 'en-GB', width: 1280 });
    await page.goto('/');

    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('Welcome to Mawaeed');
    await expect.poll(() => listedCentreNames(page), POLL).toEqual(centres.map((c) => c.name.en));
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'home-en-1280');

    await page.getByRole('button', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('مرحبًا بكم في مواعيد');
    await expect.poll(() => listedCentreNames(page), POLL).toEqual(centres.map((c) => c.name.ar));
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'home-ar-1280');

    // The choice is remembered on this device.
    await page.reload();
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    await expect.poll(() => listedCentreNames(page), POLL).toEqual(centres.map((c) => c.name.ar));

    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
  });

  it('opens in Arabic for a browser that prefers Arabic, and passes axe on a phone-sized screen', async () => {
    for (const [locale, language] of [
      ['ar-BH', 'ar'],
      ['en-GB', 'en'],
    ] as const) {
      const page = await harness.newPage({ locale, width: 390, height: 844 });
      await page.goto('/');
      expect(await documentLanguage(page)).toEqual({
        lang: language,
        dir: language === 'ar' ? 'rtl' : 'ltr',
      });
      await expect.poll(() => listedCentreNames(page), POLL).toEqual(centres.map((c) => c.name[language]));
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, `home-${language}-390`);
    }
  });
});

describe('page addresses', () => {
  it('answers a deep link with the app, which shows its own not-found page', async () => {
    const res = await fetch(`${harness.baseUrl}/centres/x`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<div id="root">');

    const page = await harness.newPage({ locale: 'en-GB' });
    await page.goto('/centres/x');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('Page not found');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'not-found-en-1280');
  });

  it('answers an unknown API path with problem JSON, not the app', async () => {
    const res = await fetch(`${harness.baseUrl}/api/v1/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('API docs', () => {
  it('renders the Swagger UI under the app’s Content-Security-Policy', async () => {
    const page = await harness.newPage({ width: 1280 });
    const res = await page.goto('/docs/');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Mawaeed API');
  });
});
