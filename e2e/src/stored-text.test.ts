import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { POLL } from './portal';

/**
 * Text that staff or partners type is stored as typed and shown as text on every staff screen
 * that lists it: markup and script stay inert (issue 9). The harness also fails the run on any
 * CSP violation, which an injected inline handler would cause.
 */
const MARKUP = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>`;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('stored text on staff screens', () => {
  it('shows markup typed into a centre, a key and a webhook as plain text', async () => {
    const page = await harness.newPage({ width: 1280 });
    await page.goto('/staff/sign-in');
    const signIn = await page.request.post('/api/v1/auth/sign-in', {
      data: { email: 'admin@demo.mawaeed.bh', password: 'mawaeed-demo-2026' },
    });
    expect(signIn.status()).toBe(200);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const post = async (url: string, data: object) => {
      const res = await page.request.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
      expect(res.status(), await res.text()).toBe(201);
    };
    await post('/api/v1/admin/centres', {
      code: 'markup-centre',
      name: { en: `Centre ${MARKUP}`, ar: `مركز ${MARKUP}` },
      address: { en: MARKUP, ar: MARKUP },
      phone: '+973 1700 0000',
      location: { lat: 26.2, lng: 50.5 },
      timeZone: 'Asia/Bahrain',
    });
    await post('/api/v1/admin/api-keys', { name: `Key ${MARKUP}`, scopes: ['kpis:read'] });
    await post('/api/v1/admin/webhooks', {
      name: `Hook ${MARKUP}`,
      url: 'http://127.0.0.1:9/hooks',
      events: ['booking.created'],
    });

    const inert = async (where: string) => {
      expect(await page.locator('img[src="x"]').count(), where).toBe(0);
      expect(
        await page
          .locator('#staff-main b, main b')
          .filter({ hasText: /^bold$/ })
          .count(),
        where,
      ).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), where).toBeUndefined();
    };

    await page.goto('/staff/centres');
    await expect.poll(() => page.getByTestId('centres-table').textContent(), POLL).toContain('<img src=x');
    await inert('centres list');
    await page.getByRole('link', { name: /Centre <img/ }).click();
    await expect
      .poll(() => page.locator('body').textContent(), POLL)
      .toContain('<script>window.__pwned=2</script>');
    await inert('centre page');

    await page.goto('/staff/integrations');
    await expect.poll(() => page.getByTestId('api-keys').textContent(), POLL).toContain('Key <img src=x');
    await inert('API keys');
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await expect.poll(() => page.getByTestId('webhooks').textContent(), POLL).toContain('Hook <img src=x');
    await inert('webhooks');

    await page.goto('/staff/audit');
    await page
      .getByRole('button', { name: /Search/ })
      .first()
      .click()
      .catch(() => undefined);
    await expect.poll(() => page.locator('body').textContent(), POLL).toContain('markup-centre');
    await inert('audit log');
  });
});
