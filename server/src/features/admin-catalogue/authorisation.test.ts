import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, customers } from '../../db/schema';
import { createPersonalData } from '../../lib/personal-data';
import { createOfferingSetup } from '../../test/factories';
import { createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

/**
 * Role × centre × route: each role reaches exactly what it should, and staff of centre A get
 * 404 (or 403 where the route names no centre of theirs) for anything of centre B.
 */
type Who = 'administrator' | 'centre_manager' | 'counter_agent' | 'receptionist' | 'device' | 'anonymous';
const WHO: Who[] = [
  'administrator',
  'centre_manager',
  'counter_agent',
  'receptionist',
  'device',
  'anonymous',
];

let t: TestApp;
let own: string;
let other: string;
let serviceId: string;
const headers = {} as Record<Who, Record<string, string>>;
let seq = 0;
/** The centre the current request is about (own, then other). */
let currentCentre = '';
/** A customer file per centre: a person with one booking there. */
const customerOf: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  const a = await createOfferingSetup(t.db);
  const b = await createOfferingSetup(t.db);
  own = a.centre.id;
  other = b.centre.id;
  serviceId = a.service.id;
  const sessions: Partial<Record<Who, Session>> = {};
  for (const role of ['administrator', 'centre_manager', 'counter_agent', 'receptionist'] as const) {
    const member = await createStaff(t.db, { role, centreIds: role === 'administrator' ? [] : [own] });
    sessions[role] = await signIn(t, member.email);
    headers[role] = sessions[role].headers;
  }
  const device = await t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/centres/${own}/devices`,
    headers: headers.administrator,
    payload: { kind: 'kiosk', name: 'Entrance kiosk' },
  });
  headers.device = { authorization: `Bearer ${device.json().token}` };
  headers.anonymous = {};
  for (const setup of [a, b]) {
    const [customer] = await t.db
      .insert(customers)
      .values({
        cprHash: `matrix.${setup.centre.id}`,
        cprCipher: createPersonalData(t.dataKey).encrypt('990000001'),
        name: 'Matrix Person',
        mobile: '+97336000099',
        language: 'en',
      })
      .returning();
    if (!customer) throw new Error('no customer');
    customerOf[setup.centre.id] = customer.id;
    await t.db.insert(bookings).values({
      reference: `M${setup.centre.id.slice(0, 8).toUpperCase()}`,
      centreId: setup.centre.id,
      serviceId: setup.service.id,
      offeringId: setup.offering.id,
      customerId: customer.id,
      status: 'served',
      startsAt: new Date('2026-11-01T06:00:00Z'),
      endsAt: new Date('2026-11-01T06:15:00Z'),
      channel: 'portal',
      contactName: 'Matrix Person',
      contactMobile: '+97336000099',
      language: 'en',
    });
  }
});
afterAll(() => t.close());

type Route = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: (centre: string) => string;
  body?: () => object;
  /** Expected status per actor, for the actor's own centre and for another. */
  expect: Record<Who, [number, number]>;
};

const centreScoped = (ok: number): Record<Who, [number, number]> => ({
  administrator: [ok, ok],
  centre_manager: [ok, 404],
  counter_agent: [403, 403],
  receptionist: [403, 403],
  device: [403, 403],
  anonymous: [401, 401],
});
const adminOnly = (ok: number): Record<Who, [number, number]> => ({
  administrator: [ok, ok],
  centre_manager: [403, 403],
  counter_agent: [403, 403],
  receptionist: [403, 403],
  device: [403, 403],
  anonymous: [401, 401],
});

const ROUTES: Route[] = [
  {
    name: 'read a centre',
    method: 'GET',
    url: (c) => `/api/v1/admin/centres/${c}`,
    expect: centreScoped(200),
  },
  {
    name: 'change a centre',
    method: 'PATCH',
    url: (c) => `/api/v1/admin/centres/${c}`,
    body: () => ({ phone: '+973 1700 2222' }),
    expect: centreScoped(200),
  },
  {
    name: 'list offerings',
    method: 'GET',
    url: (c) => `/api/v1/admin/centres/${c}/offerings`,
    expect: centreScoped(200),
  },
  {
    name: 'change an offering',
    method: 'PUT',
    url: (c) => `/api/v1/admin/centres/${c}/offerings/${serviceId}`,
    body: () => ({ slotMinutes: 15, capacity: 2 }),
    expect: centreScoped(200),
  },
  {
    name: 'list counters',
    method: 'GET',
    url: (c) => `/api/v1/admin/centres/${c}/counters`,
    expect: centreScoped(200),
  },
  {
    name: 'add a counter',
    method: 'POST',
    url: (c) => `/api/v1/admin/centres/${c}/counters`,
    body: () => ({ number: ++seq, name: { en: 'Counter', ar: 'شباك' } }),
    expect: centreScoped(201),
  },
  {
    name: 'list devices',
    method: 'GET',
    url: (c) => `/api/v1/admin/centres/${c}/devices`,
    expect: centreScoped(200),
  },
  {
    name: 'list closures',
    method: 'GET',
    url: (c) => `/api/v1/admin/closures?centreId=${c}`,
    expect: centreScoped(200),
  },
  {
    name: 'close a centre for a day',
    method: 'POST',
    url: () => '/api/v1/admin/closures',
    body: () => ({
      centreIds: [currentCentre],
      date: `2027-0${(seq++ % 9) + 1}-10`,
      kind: 'closure',
      name: { en: 'x', ar: 'س' },
    }),
    expect: centreScoped(201),
  },
  {
    name: 'add a staff member',
    method: 'POST',
    url: () => '/api/v1/admin/staff',
    body: () => ({
      email: `agent${++seq}@test.mawaeed.bh`,
      name: 'Agent',
      role: 'counter_agent',
      centreIds: [currentCentre],
      password: 'a long enough passphrase',
    }),
    expect: { ...centreScoped(201), centre_manager: [201, 403] },
  },
  {
    name: 'read the audit log',
    method: 'GET',
    url: () => '/api/v1/admin/audit',
    expect: { ...adminOnly(200), centre_manager: [200, 200] },
  },
  {
    name: 'list services',
    method: 'GET',
    url: () => '/api/v1/admin/services',
    expect: { ...adminOnly(200), centre_manager: [200, 200] },
  },
  {
    name: 'add a service',
    method: 'POST',
    url: () => '/api/v1/admin/services',
    body: () => ({
      code: `svc-${++seq}`,
      letter: 'S',
      name: { en: 'S', ar: 'س' },
      description: { en: 'S', ar: 'س' },
      durationMinutes: 10,
      documents: { en: [], ar: [] },
      walkIns: false,
      minLeadMinutes: 0,
      maxDaysAhead: 10,
      perPersonLimit: 1,
    }),
    expect: adminOnly(201),
  },
  {
    name: 'add a centre',
    method: 'POST',
    url: () => '/api/v1/admin/centres',
    body: () => ({
      code: `c-${++seq}`,
      name: { en: 'C', ar: 'م' },
      address: { en: 'A', ar: 'ع' },
      phone: '+973 1700 0000',
      location: { lat: 26, lng: 50 },
      timeZone: 'Asia/Bahrain',
      copyFrom: currentCentre,
    }),
    expect: adminOnly(201),
  },
  // Routes added since the staff issue (issue 9: the matrix covers every route).
  {
    name: 'list a centre’s messages',
    method: 'GET',
    url: (c) => `/api/v1/admin/messages?centreId=${c}`,
    expect: centreScoped(200),
  },
  {
    name: 'list partner API keys',
    method: 'GET',
    url: () => '/api/v1/admin/api-keys',
    expect: adminOnly(200),
  },
  {
    name: 'list webhook endpoints',
    method: 'GET',
    url: () => '/api/v1/admin/webhooks',
    expect: adminOnly(200),
  },
  {
    name: 'read a centre’s booking figures',
    method: 'GET',
    url: (c) => `/api/v1/kpis?from=2026-11-01&to=2026-11-30&centreId=${c}`,
    expect: centreScoped(200),
  },
  {
    name: 'read the waitlist figures',
    method: 'GET',
    url: () => '/api/v1/admin/waitlist',
    expect: { ...adminOnly(200), centre_manager: [200, 200] },
  },
  {
    name: 'list the counters of one’s centres',
    method: 'GET',
    url: () => '/api/v1/counters',
    expect: {
      administrator: [200, 200],
      centre_manager: [200, 200],
      counter_agent: [200, 200],
      receptionist: [403, 403],
      device: [403, 403],
      anonymous: [401, 401],
    },
  },
  {
    name: 'read the public hall picture',
    method: 'GET',
    url: (c) => `/api/v1/centres/${c}/hall`,
    // Public, but a kiosk's token reaches only its own centre.
    expect: {
      administrator: [200, 200],
      centre_manager: [200, 200],
      counter_agent: [200, 200],
      receptionist: [200, 200],
      device: [200, 404],
      anonymous: [200, 200],
    },
  },
  // Customer files (issue 8.1): managers reach their centres' customers, administrators all.
  {
    name: 'search customer files',
    method: 'POST',
    url: () => '/api/v1/staff/customers/search',
    body: () => ({ mobile: '36000099' }),
    expect: { ...centreScoped(200), centre_manager: [200, 200] },
  },
  {
    name: 'open a customer file',
    method: 'POST',
    url: (c) => `/api/v1/staff/customers/${customerOf[c]}/open`,
    body: () => ({ reason: 'audit' }),
    expect: centreScoped(200),
  },
  {
    name: 'note on a customer file',
    method: 'POST',
    url: (c) => `/api/v1/staff/customers/${customerOf[c]}/notes`,
    body: () => ({ text: 'Called back' }),
    expect: centreScoped(201),
  },
  {
    name: 'set a consent on a customer file',
    method: 'POST',
    url: (c) => `/api/v1/staff/customers/${customerOf[c]}/consents`,
    body: () => ({ kind: 'email', state: 'withdrawn' }),
    expect: centreScoped(200),
  },
  {
    name: 'read a customer file’s access log',
    method: 'GET',
    url: (c) => `/api/v1/staff/customers/${customerOf[c]}/access-log`,
    expect: adminOnly(200),
  },
  {
    name: 'export a customer file',
    method: 'POST',
    url: (c) => `/api/v1/staff/customers/${customerOf[c]}/export`,
    expect: adminOnly(200),
  },
  {
    // Last of the file routes: it anonymises the file.
    name: 'erase a customer file',
    method: 'POST',
    url: (c) => `/api/v1/staff/customers/${customerOf[c]}/erase`,
    body: () => ({ confirm: true }),
    expect: adminOnly(200),
  },
  {
    name: 'a device reads its centre',
    method: 'GET',
    url: () => '/api/v1/device/centre',
    expect: {
      administrator: [403, 403],
      centre_manager: [403, 403],
      counter_agent: [403, 403],
      receptionist: [403, 403],
      device: [200, 200],
      anonymous: [401, 401],
    },
  },
];

describe.each(ROUTES)('$name', (route) => {
  it.each(WHO)('as %s', async (who) => {
    for (const [i, centre] of [own, other].entries()) {
      currentCentre = centre;
      const res = await t.app.inject({
        method: route.method,
        url: route.url(centre),
        headers: headers[who],
        ...(route.body ? { payload: route.body() } : {}),
      });
      expect(res.statusCode, `${who} on ${i === 0 ? 'own' : 'other'} centre: ${res.body.slice(0, 200)}`).toBe(
        route.expect[who][i],
      );
      // A refusal never carries the other centre's data.
      if (res.statusCode >= 400) expect(res.body).not.toContain('+973');
    }
  });
});

describe('nothing leaks across centres', () => {
  it('lists only the manager’s own centres', async () => {
    const res = await t.app.inject({ url: '/api/v1/admin/centres', headers: headers.centre_manager });
    expect(res.json().items.map((c: { id: string }) => c.id)).toEqual([own]);
  });

  it('refuses a revoked device token at once', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/centres/${own}/devices`,
      headers: headers.centre_manager,
      payload: { kind: 'board', name: 'Hall board' },
    });
    const token = created.json().token as string;
    const ask = () =>
      t.app.inject({ url: '/api/v1/device/centre', headers: { authorization: `Bearer ${token}` } });
    expect((await ask()).json()).toMatchObject({ centre: { id: own }, device: { kind: 'board' } });
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/devices/${created.json().id}/revoke`,
      headers: headers.centre_manager,
    });
    expect(revoked.statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(401);
  });
});
