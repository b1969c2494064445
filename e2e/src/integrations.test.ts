import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccessibilityViolations, type Harness, screenshot, startHarness } from './harness';
import { bookViaApi, type Catalogue, freeSlotsViaApi, loadCatalogue, POLL } from './portal';

const ADMIN = 'admin@demo.mawaeed.bh';
const PASSWORD = 'mawaeed-demo-2026';

let harness: Harness;
let catalogue: Catalogue;
/** A partner's receiver: answers 200 and keeps what it got. */
let receiver: { url: string; got: { headers: IncomingHttpHeaders; body: string }[]; server: Server };

beforeAll(async () => {
  harness = await startHarness();
  catalogue = await loadCatalogue(harness.baseUrl);
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('received by the case system');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  receiver = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, got, server };
});

afterAll(async () => {
  await new Promise((done) => receiver?.server.close(done));
  await harness?.close();
});

async function signInAsAdministrator(page: Page) {
  await page.goto('/staff/integrations');
  await page.getByLabel('Email address').fill(ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/staff/integrations');
}

function availabilityWith(key: string) {
  const centre = catalogue.centres[0];
  const service = centre?.services[0];
  const today = new Date().toISOString().slice(0, 10);
  return fetch(
    `${harness.baseUrl}/api/v1/centres/${centre?.id}/availability?service=${service}&from=${today}&to=${today}`,
    { headers: { authorization: `Bearer ${key}` } },
  );
}

describe('integrations', () => {
  it('an administrator makes a partner key, sees it once, and revoking it stops it at once', async () => {
    const page = await harness.newPage({ width: 1280 });
    await signInAsAdministrator(page);
    await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Make the key' }).click();
    await expect.poll(() => page.getByTestId('error-summary').textContent(), POLL).toContain('Enter');
    await page.getByLabel('Name').fill('National portal');
    await page.getByRole('checkbox', { name: /availability:read/ }).check();
    await page.getByRole('button', { name: 'Make the key' }).click();
    const key = (await page.getByTestId('secret').textContent({ timeout: 10_000 }))?.trim() ?? '';
    expect(key).toMatch(/^mk_/);
    await screenshot(page, 'staff-integrations-key-en-1280');
    expect((await availabilityWith(key)).status).toBe(200);

    // Shown once: after a reload the page has only its first characters.
    await page.reload();
    await page.getByTestId('api-keys').waitFor();
    expect(await page.content()).not.toContain(key);
    expect(await page.getByTestId('api-keys').textContent()).toContain(key.slice(0, 8));

    await page.getByRole('button', { name: 'Revoke the key National portal' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.getByTestId('api-keys').textContent(), POLL).toContain('Revoked');
    expect((await availabilityWith(key)).status).toBe(401);
  });

  it('registers a webhook, shows the delivery with the receiver’s answer, and sends it again', async () => {
    const page = await harness.newPage({ width: 1280 });
    await signInAsAdministrator(page);
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByLabel('Name').fill('Case system');
    await page.getByLabel('Address').fill(receiver.url);
    await page.getByRole('checkbox', { name: 'booking.created' }).check();
    await page.getByRole('button', { name: 'Add the endpoint' }).click();
    expect((await page.getByTestId('secret').textContent({ timeout: 10_000 }))?.trim()).toMatch(/^whsec_/);

    const centre = catalogue.centres.find((c) => c.services.length > 0);
    if (!centre) throw new Error('no centre with a service');
    const serviceId = centre.services[0] as string;
    const slot = (await freeSlotsViaApi(harness.baseUrl, centre, serviceId))[0];
    const booked = await bookViaApi(harness.baseUrl, {
      centreId: centre.id,
      serviceId,
      start: slot?.start ?? '',
    });
    // The outbox worker polls every second.
    await expect.poll(() => receiver.got.length, { timeout: 20_000 }).toBe(1);
    expect(JSON.parse(receiver.got[0]?.body ?? '{}').data.reference).toBe(booked.reference);

    await page.getByRole('button', { name: 'Deliveries to Case system' }).click();
    const deliveries = page.getByTestId('deliveries');
    await expect
      .poll(async () => {
        await deliveries.getByRole('button', { name: 'Refresh' }).click();
        return deliveries.locator('tr[data-status="delivered"]').count();
      }, POLL)
      .toBe(1);
    expect(await deliveries.textContent()).toContain('HTTP 200');
    expect(await deliveries.textContent()).toContain('received by the case system');
    expect(await findAccessibilityViolations(page)).toEqual([]);

    await deliveries.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(() => receiver.got.length, { timeout: 20_000 }).toBe(2);
    // The same delivery (receivers drop duplicates by it), freshly signed.
    expect(receiver.got[1]?.headers['mawaeed-delivery']).toBe(receiver.got[0]?.headers['mawaeed-delivery']);
    expect(receiver.got[1]?.body).toBe(receiver.got[0]?.body);
    await screenshot(page, 'staff-integrations-webhooks-en-1280');

    await page.getByRole('button', { name: 'Turn off Case system' }).click();
    await expect.poll(() => page.getByTestId('webhooks').textContent(), POLL).toContain('Off');
  });

  it('reads right to left in Arabic and reflows on a phone', async () => {
    const page = await harness.newPage({ width: 390, height: 844 });
    await signInAsAdministrator(page);
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByRole('heading', { level: 1, name: 'التكامل مع الأنظمة' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'staff-integrations-ar-390');
    await page.getByRole('tab', { name: 'الويب هوك' }).click();
    await page.getByRole('button', { name: 'إضافة نقطة الاستقبال' }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'staff-integrations-webhooks-ar-390');
  });
});
