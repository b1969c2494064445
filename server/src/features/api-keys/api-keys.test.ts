import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema-staff';
import { book, bookingBody } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { asStaff, createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Session;
let manager: Session;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;
const slotAt = (time: string, date = '2026-12-01') => `${date}T${time}:00+03:00`;

beforeAll(async () => {
  // Codes and captcha on, as in production: a partner key must get past both.
  t = await buildTestApp({ env: { MAWAEED_OTP: 'on', MAWAEED_CAPTCHA: 'on' } });
  setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 3 } });
  const a = await createStaff(t.db, { role: 'administrator' });
  const m = await createStaff(t.db, { role: 'centre_manager', centreIds: [setup.centre.id] });
  admin = await signIn(t, a.email);
  manager = await signIn(t, m.email);
});
afterAll(() => t.close());

async function createKey(body: object) {
  const res = await asStaff(t, admin, 'POST', '/api/v1/admin/api-keys', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; key: string; name: string };
}

const withKey = (key: string, headers: Record<string, string> = {}) => ({
  authorization: `Bearer ${key}`,
  ...headers,
});

function availability(key: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/centres/${setup.centre.id}/availability?service=${setup.service.id}&from=2026-12-01&to=2026-12-01`,
    headers: withKey(key),
  });
}

describe('partner API keys', () => {
  it('are created by administrators only, shown once and listed without the key', async () => {
    const refused = await asStaff(t, manager, 'POST', '/api/v1/admin/api-keys', {
      name: 'portal',
      scopes: ['availability:read'],
    });
    expect(refused.statusCode).toBe(403);
    const created = await createKey({ name: 'National portal', scopes: ['availability:read'] });
    expect(created.key).toMatch(/^mk_/);
    const list = await asStaff(t, admin, 'GET', '/api/v1/admin/api-keys');
    expect(list.body).not.toContain(created.key);
    expect(list.json().items).toContainEqual(
      expect.objectContaining({ name: 'National portal', scopes: ['availability:read'], revokedAt: null }),
    );
    const again = await asStaff(t, admin, 'POST', '/api/v1/admin/api-keys', {
      name: 'National portal',
      scopes: ['kpis:read'],
    });
    expect(again.json().code).toBe('ALREADY_EXISTS');
  });

  it('refuses a hall:read key without its centres', async () => {
    const res = await asStaff(t, admin, 'POST', '/api/v1/admin/api-keys', {
      name: 'hall',
      scopes: ['hall:read'],
    });
    expect(res.statusCode).toBe(400);
  });

  it('lets a hall:read key read the hall of its centres only', async () => {
    const other = await createOfferingSetup(t.db);
    const { key } = await createKey({
      name: 'Hall screens vendor',
      scopes: ['hall:read'],
      centreIds: [setup.centre.id],
    });
    const hall = (centreId: string, k = key) =>
      t.app.inject({ method: 'GET', url: `/api/v1/centres/${centreId}/hall`, headers: withKey(k) });
    const own = await hall(setup.centre.id);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ centreId: setup.centre.id, waitingNow: 0 });
    expect((await hall(other.centre.id)).statusCode).toBe(404);
    const waiting = await t.app.inject({ method: 'GET', url: '/api/v1/hall/waiting', headers: withKey(key) });
    expect(waiting.statusCode).toBe(200);
    expect(
      (waiting.json().items as { centreId: string }[]).every((i) => i.centreId === setup.centre.id),
    ).toBe(true);
    const { key: kpisOnly } = await createKey({ name: 'KPI only', scopes: ['kpis:read'] });
    expect((await hall(setup.centre.id, kpisOnly)).json().code).toBe('SCOPE_REQUIRED');
    // The board's public picture needs no key at all.
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/centres/${other.centre.id}/hall` });
    expect(anonymous.statusCode).toBe(200);
  });

  it('answers 403 SCOPE_REQUIRED on a route whose scope the key lacks, and FORBIDDEN where keys never go', async () => {
    const { key } = await createKey({ name: 'BI warehouse', scopes: ['kpis:read'] });
    const res = await availability(key);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'SCOPE_REQUIRED' });
    expect(res.json().detail).toContain('availability:read');
    const booking = await book(t, bookingBody(setup, slotAt('08:00')), withKey(key));
    expect(booking.json().code).toBe('SCOPE_REQUIRED');
    const kpis = await t.app.inject({
      method: 'GET',
      url: '/api/v1/kpis?from=2026-11-01&to=2026-11-30',
      headers: withKey(key),
    });
    expect(kpis.statusCode, kpis.body).toBe(200);
    const admin = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: withKey(key) });
    expect(admin.statusCode).toBe(403);
    expect(admin.json().code).toBe('FORBIDDEN');
  });

  it('refuses an unknown key with 401', async () => {
    const res = await availability('mk_not-a-key');
    expect(res.statusCode).toBe(401);
  });

  it('stops working the moment it is revoked', async () => {
    const { id, key } = await createKey({ name: 'Case system', scopes: ['availability:read'] });
    expect((await availability(key)).statusCode).toBe(200);
    const revoked = await asStaff(t, admin, 'POST', `/api/v1/admin/api-keys/${id}/revoke`);
    expect(revoked.json().revokedAt).not.toBeNull();
    const res = await availability(key);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('keeps its last-used time and audits every call with its name, without personal data', async () => {
    const { id, key } = await createKey({ name: 'SMS platform', scopes: ['availability:read'] });
    await availability(key);
    await availability(key);
    const listed = (await asStaff(t, admin, 'GET', '/api/v1/admin/api-keys')).json().items;
    expect(listed.find((k: { id: string }) => k.id === id).lastUsedAt).toBe(t.clock.now().toISOString());
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'call')));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      actorKind: 'api_key',
      actorId: id,
      after: {
        key: 'SMS platform',
        method: 'GET',
        route: '/api/v1/centres/:centreId/availability',
        status: 200,
      },
    });
  });

  it('holds its per-minute limit in the database: 429 with Retry-After past it, calls again next minute', async () => {
    const { key } = await createKey({
      name: 'Busy partner',
      scopes: ['availability:read'],
      rateLimitPerMinute: 2,
    });
    expect((await availability(key)).statusCode).toBe(200);
    expect((await availability(key)).statusCode).toBe(200);
    const limited = await availability(key);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(1);
    expect((await availability(key)).statusCode).toBe(200);
  });
});

describe('booking on behalf of a person', () => {
  it('skips the one-time code and the captcha, and records the partner in the history', async () => {
    const { key } = await createKey({ name: 'Ministry portal', scopes: ['bookings:create'] });
    const citizen = await book(t, bookingBody(setup, slotAt('09:00')));
    expect(citizen.json().code).toBe('VERIFICATION_REQUIRED');
    const res = await book(t, bookingBody(setup, slotAt('09:00')), withKey(key));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'confirmed', manageToken: expect.any(String) });
  });

  it('keeps the per-person limit', async () => {
    const { key } = await createKey({ name: 'Limits partner', scopes: ['bookings:create'] });
    const body = bookingBody(setup, slotAt('09:15'));
    expect((await book(t, body, withKey(key))).statusCode).toBe(201);
    const second = await book(t, { ...body, start: slotAt('09:30') }, withKey(key));
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('PERSON_LIMIT');
  });

  it('honours Idempotency-Key, per key: a retry replays, another partner’s same key books anew', async () => {
    const one = await createKey({ name: 'Partner one', scopes: ['bookings:create'] });
    const two = await createKey({ name: 'Partner two', scopes: ['bookings:create'] });
    const body = bookingBody(setup, slotAt('10:00'));
    const first = await book(t, body, withKey(one.key, { 'idempotency-key': 'order-1' }));
    const replay = await book(t, body, withKey(one.key, { 'idempotency-key': 'order-1' }));
    expect(first.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().reference).toBe(first.json().reference);
    const other = await book(
      t,
      bookingBody(setup, slotAt('10:15')),
      withKey(two.key, { 'idempotency-key': 'order-1' }),
    );
    expect(other.statusCode).toBe(201);
    expect(other.json().reference).not.toBe(first.json().reference);
  });
});

describe('the OpenAPI document', () => {
  it('describes the apiKey scheme and the scope of each route that takes a key', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/bookings'].post.security).toContainEqual({ apiKey: ['bookings:create'] });
    expect(doc.paths['/api/v1/centres/{centreId}/availability'].get.security).toContainEqual({
      apiKey: ['availability:read'],
    });
    expect(doc.paths['/api/v1/kpis'].get.security).toEqual([{ session: [] }, { apiKey: ['kpis:read'] }]);
  });
});
