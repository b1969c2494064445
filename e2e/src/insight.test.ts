import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccessibilityViolations, type Harness, screenshot, startHarness } from './harness';

const POLL = { timeout: 20_000 };
const PASSWORD = 'mawaeed-demo-2026';
const COMMENT = '<script>window.__pwned = 1</script><b id="injected">bold</b> queue was slow';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** The feedback links the demo's newest visits were sent (the developer inbox, as a person's phone). */
async function feedbackLinks(language: 'en' | 'ar') {
  let links: string[] = [];
  await expect
    .poll(async () => {
      const inbox = (await (await fetch(`${harness.baseUrl}/api/v1/dev/inbox`)).json()) as {
        items: { channel: string; language: string; text: string }[];
      };
      links = inbox.items
        .filter((m) => m.channel === 'sms' && m.language === language)
        .map((m) => m.text.match(/https?:\/\/\S+\/feedback\/[A-Za-z0-9_-]+/)?.[0] ?? '')
        .filter(Boolean);
      return links.length;
    }, POLL)
    .toBeGreaterThan(0);
  return links;
}

const SIGN_IN = {
  en: { email: 'Email address', password: 'Password', submit: 'Sign in' },
  ar: { email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'تسجيل الدخول' },
};

async function signIn(page: Page, email: string, language: 'en' | 'ar' = 'en') {
  const words = SIGN_IN[language];
  await page.goto('/staff/sign-in');
  await page.getByLabel(words.email).fill(email);
  await page.getByLabel(words.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: words.submit }).click();
  await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/staff');
}

describe('visit feedback to the dashboard', () => {
  it('takes a low rating from the invitation link once, and the dashboard shows it as text with a follow-up', async () => {
    const [link] = await feedbackLinks('en');
    const path = new URL(link as string).pathname;
    const page = await harness.newPage({ locale: 'en-GB', width: 390 });
    await page.goto(path);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('How was your visit?');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    // Sent without a choice: the error summary names the missing ratings.
    await page.getByTestId('continue').click();
    await expect.poll(() => page.getByTestId('error-summary').textContent(), POLL).toContain('Performance');
    await page.getByTestId('rating-performance-4').check();
    await page.getByTestId('rating-organisation-2').check();
    await page.getByTestId('rating-quality-4').check();
    await page.getByTestId('feedback-comment').fill(COMMENT);
    await screenshot(page, 'feedback-form-en-390');
    await page.getByTestId('continue').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe('Thank you');
    // The link is spent.
    await page.goto(path);
    await expect
      .poll(() => page.getByTestId('feedback-result').textContent(), POLL)
      .toContain('already been rated');

    const staff = await harness.newPage({ locale: 'en-GB', width: 1280 });
    await signIn(staff, 'admin@demo.mawaeed.bh');
    await staff.goto('/staff/dashboard');
    await expect.poll(() => staff.getByTestId('dashboard-scorecard').isVisible(), POLL).toBe(true);
    const followUp = staff.getByTestId('follow-up-comment').filter({ hasText: 'queue was slow' });
    await expect.poll(() => followUp.textContent(), POLL).toBe(COMMENT);
    // Inert: shown as characters, no element made of it, no script run.
    expect(await staff.locator('#injected').count()).toBe(0);
    expect(await staff.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect
      .poll(() => staff.getByTestId('dashboard-feedback').textContent(), POLL)
      .toContain('queue was slow');
    expect(await findAccessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'dashboard-en-1280');
  });

  it('reads right to left in Arabic on the form, the dashboard and the transparency page', async () => {
    const [link] = await feedbackLinks('ar');
    const form = await harness.newPage({ locale: 'ar-BH', width: 390 });
    await form.goto(new URL(link as string).pathname);
    await expect
      .poll(() => form.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('كيف كانت زيارتك؟');
    expect(await form.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await findAccessibilityViolations(form)).toEqual([]);
    await screenshot(form, 'feedback-form-ar-390');

    for (const width of [390, 1280]) {
      const staff = await harness.newPage({ locale: 'ar-BH', width });
      await signIn(staff, 'admin@demo.mawaeed.bh', 'ar');
      await staff.goto('/staff/dashboard');
      await expect
        .poll(() => staff.getByRole('heading', { level: 1 }).textContent(), POLL)
        .toBe('لوحة المؤشرات');
      await expect.poll(() => staff.getByTestId('dashboard-scorecard').isVisible(), POLL).toBe(true);
      expect(await findAccessibilityViolations(staff)).toEqual([]);
      expect(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
        true,
      );
      await screenshot(staff, `dashboard-ar-${width}`);
    }

    for (const [locale, lang] of [
      ['en-GB', 'en'],
      ['ar-BH', 'ar'],
    ] as const) {
      for (const width of [390, 1280]) {
        const page = await harness.newPage({ locale, width });
        await page.goto('/transparency');
        await expect
          .poll(() => page.getByTestId('transparency-table').locator('tbody tr').count(), POLL)
          .toBeGreaterThan(0);
        // Real figures from the demo's history: a percentage in every row.
        expect(
          await page.getByTestId('transparency-table').locator('tbody tr').first().textContent(),
        ).toMatch(/\d+%/);
        expect(await findAccessibilityViolations(page)).toEqual([]);
        await screenshot(page, `transparency-${lang}-${width}`);
      }
    }
  });
});
