import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccessibilityViolations, type Harness, screenshot, startHarness } from './harness';
import { bookViaApi, checkPage, freeSlotsViaApi, loadCatalogue } from './portal';

const POLL = { timeout: 20_000 };
const PASSWORD = 'mawaeed-demo-2026';
const ADMIN = 'admin@demo.mawaeed.bh';

/**
 * A real HTTP SMS gateway the server's live transport talks to: it refuses with a 500 while
 * `failing`, otherwise holds each request until the test releases it, then accepts it.
 */
type Gateway = { url: string; failing: boolean; held: ServerResponse[]; server: Server };
async function startGateway(): Promise<Gateway> {
  const gateway: Gateway = { url: '', failing: true, held: [], server: createServer() };
  gateway.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      if (gateway.failing) res.writeHead(500).end('gateway down');
      else gateway.held.push(res);
    });
  });
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
  gateway.url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}/sms`;
  return gateway;
}

let gateway: Gateway;
let harness: Harness;

beforeAll(async () => {
  gateway = await startGateway();
  harness = await startHarness({
    env: {
      MAWAEED_MESSAGES_TRANSPORT: 'live',
      MAWAEED_SMS_URL: gateway.url,
      MAWAEED_SMS_TIMEOUT_MS: '120000',
      // One try, then the message is failed; the worker looks often so the test need not wait.
      MAWAEED_JOBS_MAX_ATTEMPTS: '1',
      MAWAEED_JOBS_POLL_MS: '200',
    },
  });
});

afterAll(async () => {
  for (const res of gateway?.held ?? []) res.end();
  gateway?.server.closeAllConnections();
  await new Promise((resolve) => gateway?.server.close(resolve));
  await harness?.close();
});

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A page signed in as the demo administrator, on `path`. */
async function adminOn(path: string, locale = 'en-GB', width = 1280): Promise<Page> {
  const page = await harness.newPage({ locale, width });
  await page.goto(path);
  await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/staff/sign-in');
  if (locale.startsWith('ar')) {
    await page.getByLabel('البريد الإلكتروني').fill(ADMIN);
    await page.getByLabel('كلمة المرور', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  } else {
    await signIn(page, ADMIN);
  }
  await expect.poll(() => new URL(page.url()).pathname, POLL).toBe(path);
  return page;
}

/** A call to the API from the page, with its session cookie and CSRF token. */
async function apiFrom(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/v1/auth/session')).json();
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken ?? '' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, path, body },
  );
}

let agentId = '';

describe('staff accounts', () => {
  it('an administrator adds a counter agent for one centre; the agent signs in and reaches only that centre', async () => {
    const { centres } = await loadCatalogue(harness.baseUrl);
    const [own, other] = centres;
    if (!own || !other) throw new Error('demo data needs two centres');

    const page = await adminOn('/staff/accounts');
    await page.getByTestId('accounts-table').waitFor(POLL);
    await checkPage(page, 'staff-accounts');

    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByLabel('Name').fill('Maryam Ali');
    await page.getByLabel('Email address').fill('maryam.agent@example.bh');
    await page.getByLabel('Role').selectOption({ label: 'Counter agent' });
    // No centre and a short password: both told next to their fields.
    await page.getByLabel('Initial password').fill('short');
    await page.getByRole('button', { name: 'Add the account' }).click();
    await expect
      .poll(() => page.getByTestId('error-summary').textContent(), POLL)
      .toContain('Choose at least one centre');
    expect(await page.getByTestId('error-summary').textContent()).toContain('Use at least 12 characters');
    await page.getByLabel(own.name.en, { exact: true }).check();
    await page.getByLabel('Initial password').fill('agent-password-2026');
    await page.getByRole('button', { name: 'Add the account' }).click();
    await expect
      .poll(() => page.getByTestId('accounts-notice').textContent(), POLL)
      .toBe('Account added for Maryam Ali.');
    const row = page.getByTestId('account-row').filter({ hasText: 'maryam.agent@example.bh' });
    await expect.poll(() => row.textContent(), POLL).toContain(own.name.en);
    expect(await row.textContent()).toContain('Counter agent');

    // One counter at each centre, to see which the agent reaches.
    const counters: string[] = [];
    for (const centre of [own, other]) {
      const res = await apiFrom(page, 'POST', `/api/v1/admin/centres/${centre.id}/counters`, {
        number: 901,
        name: { en: 'Counter 901', ar: 'الشباك 901' },
      });
      expect(res.status).toBe(201);
      counters.push(res.body.id);
    }

    const agent = await harness.newPage({ locale: 'en-GB', width: 390 });
    await agent.goto('/staff');
    await signIn(agent, 'maryam.agent@example.bh', 'agent-password-2026');
    await expect.poll(() => agent.getByTestId('signed-in-as').textContent(), POLL).toContain('Maryam Ali');
    const session = await apiFrom(agent, 'GET', '/api/v1/auth/session');
    agentId = session.body.staff.id;
    expect(session.body.staff).toMatchObject({ role: 'counter_agent', centreIds: [own.id] });
    // Their centre's counter opens for them; the other centre's does not exist for them.
    expect((await apiFrom(agent, 'GET', `/api/v1/counters/${counters[0]}/console`)).status).toBe(200);
    expect((await apiFrom(agent, 'GET', `/api/v1/counters/${counters[1]}/console`)).status).toBe(404);
    // Nor does the admin area: none of it in their menu, and the server refuses it.
    const links = await agent.getByRole('link').allTextContents();
    for (const hidden of ['Staff accounts', 'Messages', 'Audit log', 'Centres'])
      expect(links).not.toContain(hidden);
    expect((await apiFrom(agent, 'GET', '/api/v1/admin/staff')).status).toBe(403);

    // The administrator gives her a second centre: saved, shown, and her session ends at once.
    await page.getByRole('button', { name: 'Change Maryam Ali' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(other.name.en, { exact: true }).check();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'staff-accounts-change-en-1280');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.getByTestId('accounts-notice').textContent(), POLL)
      .toBe('Changes saved for Maryam Ali.');
    await expect.poll(() => row.textContent(), POLL).toContain(other.name.en);
    expect((await apiFrom(agent, 'GET', '/api/v1/auth/session')).status).toBe(401);
  });

  it("a centre manager sees and hands out only their centres' agents and receptionists", async () => {
    const page = await harness.newPage({ locale: 'en-GB', width: 1280 });
    await page.goto('/staff/accounts');
    await signIn(page, 'manager@demo.mawaeed.bh');
    await page.getByTestId('accounts-table').waitFor(POLL);
    const roles = await page.getByTestId('account-row').locator('td:nth-of-type(2)').allTextContents();
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) expect(['Counter agent', 'Receptionist']).toContain(role);
    await page.getByRole('button', { name: 'Add an account' }).click();
    const offered = await page.getByLabel('Role').locator('option').allTextContents();
    expect(offered).toEqual(['Counter agent', 'Receptionist']);
  });

  it('refuses to disable the last administrator, and says why in English and Arabic', async () => {
    const page = await adminOn('/staff/accounts');
    await page.getByRole('button', { name: 'Disable Demo administrator' }).click();
    await expect
      .poll(() => page.getByTestId('accounts-notice').textContent(), POLL)
      .toBe(
        'At least one active administrator must remain, so this account cannot be disabled or given another role.',
      );
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('button', { name: 'تعطيل Demo administrator' }).click();
    await expect
      .poll(() => page.getByTestId('accounts-notice').textContent(), POLL)
      .toContain('يجب أن يبقى مسؤول نشط واحد على الأقل');
    await checkPage(page, 'staff-accounts-refused');
    const me = await apiFrom(page, 'GET', '/api/v1/auth/session');
    expect(me.body.staff.active).toBe(true);
  });
});

describe('messages', () => {
  it('a message the SMS gateway refused shows as failed with the reason; sending it again puts it back to waiting, then sent', async () => {
    const { centres, services } = await loadCatalogue(harness.baseUrl);
    const centre = centres.find((c) => c.services.length > 0);
    const serviceId = centre?.services[0];
    if (!centre || !serviceId) throw new Error('demo data has no offering');
    const [slot] = await freeSlotsViaApi(harness.baseUrl, centre, serviceId);
    if (!slot) throw new Error('no free slot');
    expect(services.length).toBeGreaterThan(0);
    const booked = await bookViaApi(harness.baseUrl, { centreId: centre.id, serviceId, start: slot.start });
    const shown = `${booked.reference.slice(0, 4)}-${booked.reference.slice(4)}`;

    const page = await adminOn('/staff/messages');
    await page.getByLabel('Status').selectOption({ label: 'Failed' });
    const row = page.getByTestId('message-row').filter({ hasText: shown });
    // The worker tries once (a 500 from the gateway), and the page refreshes itself.
    await expect.poll(() => row.count(), { timeout: 40_000, interval: 1_000 }).toBe(1);
    expect(await row.getByTestId('message-reason').textContent()).toContain('SMS gateway answered HTTP 500');
    expect(await row.getByTestId('message-status').textContent()).toBe('Failed');
    // The mobile is masked on the page, never shown whole.
    expect(await row.textContent()).not.toContain('36001234');
    await checkPage(page, 'staff-messages');

    gateway.failing = false;
    await page.getByLabel('Status').selectOption({ label: 'All' });
    await row.getByRole('button', { name: /^Send again/ }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'waiting to be sent again' }).count(), POLL)
      .toBe(1);
    await expect.poll(() => row.getByTestId('message-status').textContent(), POLL).toBe('Waiting');
    // The gateway holds the new try until now; then it is accepted.
    await expect.poll(() => gateway.held.length, POLL).toBeGreaterThan(0);
    for (const res of gateway.held.splice(0)) res.writeHead(200).end('{}');
    await expect
      .poll(
        async () => {
          await page.reload();
          return row
            .getByTestId('message-status')
            .textContent({ timeout: 5_000 })
            .catch(() => null);
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toBe('Sent');

    const arabic = await adminOn('/staff/messages', 'ar-BH', 390);
    await arabic.getByTestId('messages-table').waitFor(POLL);
    await checkPage(arabic, 'staff-messages');
  });
});

describe('audit log', () => {
  it('finds the account the administrator created, and downloads the search as CSV', async () => {
    expect(agentId).not.toBe('');
    const page = await adminOn('/staff/audit');
    await page.getByLabel('What changed').selectOption({ label: 'Staff account' });
    await page.getByLabel('Object id').fill(agentId);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const rows = page.getByTestId('audit-row');
    // Her creation, then the second centre given to her, newest first.
    await expect.poll(() => rows.count(), POLL).toBe(2);
    const [changed, created] = await rows.allTextContents();
    expect(created).toContain('Create');
    expect(created).toContain('Demo administrator');
    expect(created).toContain(agentId);
    expect(changed).toContain('Change');
    await checkPage(page, 'staff-audit');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('audit-csv').click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toBe('id,at,actorKind,actorId,action,entity,entityId,centreId,before,after');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"update","staff","${agentId}"`);
    expect(lines[2]).toContain(`"create","staff","${agentId}"`);
    expect(csv).not.toContain('passwordHash');

    const arabic = await adminOn('/staff/audit', 'ar-BH', 390);
    await arabic.getByTestId('audit-table').waitFor(POLL);
    await checkPage(arabic, 'staff-audit');
  });
});
