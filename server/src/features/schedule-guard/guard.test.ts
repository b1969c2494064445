import { GOVERNMENT_HOURS } from '@mawaeed/core/country/bahrain';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { bookings, messages } from '../../db/schema';
import { book, bookingBody, manage } from '../../test/bookings';
import { createOfferingSetup, createSpecialPeriod } from '../../test/factories';
import { assertInvariants } from '../../test/invariants';
import { asStaff, createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

/**
 * Every admin change that can strand a booking, three ways: without a decision it is refused
 * with exactly the stranded bookings listed and nothing written; `cancel` cancels exactly
 * those and tells their people; `keep` leaves every booking and its seat as it was.
 */
let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
});
afterAll(() => t.close());

type Setup = Awaited<ReturnType<typeof createOfferingSetup>>;
/** Wednesday 2 December: two at 08:00 (a full slot), one at 13:00; Thursday 08:00 one more. */
const WED = '2026-12-02';
const at = (time: string, date = WED) => `${date}T${time}:00+03:00`;
const tokens = new Map<string, string>();
type World = { s: Setup; other?: Setup; refs: Record<string, string> };

async function bookAt(setup: Setup, start: string) {
  const res = await book(t, bookingBody(setup, start));
  expect(res.statusCode, res.body).toBe(201);
  tokens.set(res.json().reference, res.json().manageToken);
  return res.json().reference as string;
}

type Change = { method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; body?: Record<string, unknown> };
type Case = {
  name: string;
  /** Extra bookings or calendar entries a change needs before it can strand anything. */
  prepare?: (w: World) => Promise<void>;
  change: (w: World) => Change;
  stranded: string[];
  notice: 'cancellation' | 'closure';
};

const WED_TO_NOON = { ...GOVERNMENT_HOURS, wed: [{ open: '07:00', close: '12:00' }] };

const CASES: Case[] = [
  {
    name: 'cutting capacity',
    change: ({ s }) => ({
      method: 'PUT',
      url: `/api/v1/admin/centres/${s.centre.id}/offerings/${s.service.id}`,
      body: { slotMinutes: 15, capacity: 1 },
    }),
    stranded: ['a2'],
    notice: 'cancellation',
  },
  {
    name: 'changing weekly hours',
    change: ({ s }) => ({
      method: 'PATCH',
      url: `/api/v1/admin/centres/${s.centre.id}`,
      body: { weeklyHours: WED_TO_NOON },
    }),
    stranded: ['b'],
    notice: 'cancellation',
  },
  {
    name: 'changing the slot length (08:00 is off a 40-minute grid from 07:00)',
    change: ({ s }) => ({
      method: 'PUT',
      url: `/api/v1/admin/centres/${s.centre.id}/offerings/${s.service.id}`,
      body: { slotMinutes: 40, capacity: 2 },
    }),
    stranded: ['a1', 'a2', 'c'],
    notice: 'cancellation',
  },
  {
    name: 'ending an offering',
    change: ({ s }) => ({
      method: 'PUT',
      url: `/api/v1/admin/centres/${s.centre.id}/offerings/${s.service.id}`,
      body: { slotMinutes: 15, capacity: 2, active: false },
    }),
    stranded: ['a1', 'a2', 'b', 'c'],
    notice: 'cancellation',
  },
  {
    name: 'withdrawing a service',
    change: ({ s }) => ({
      method: 'PATCH',
      url: `/api/v1/admin/services/${s.service.id}`,
      body: { active: false },
    }),
    stranded: ['a1', 'a2', 'b', 'c'],
    notice: 'cancellation',
  },
  {
    name: 'closing a day',
    change: ({ s }) => ({
      method: 'POST',
      url: '/api/v1/admin/closures',
      body: { centreIds: [s.centre.id], date: WED, kind: 'closure', name: { en: 'Works', ar: 'أعمال' } },
    }),
    stranded: ['a1', 'a2', 'b'],
    notice: 'closure',
  },
  {
    name: 'a half-day closure',
    change: ({ s }) => ({
      method: 'POST',
      url: '/api/v1/admin/closures',
      body: {
        centreIds: [s.centre.id],
        date: WED,
        kind: 'holiday',
        name: { en: 'Half day', ar: 'نصف يوم' },
        openHours: [{ open: '07:00', close: '12:00' }],
      },
    }),
    stranded: ['b'],
    notice: 'closure',
  },
  {
    name: 'adding a special period',
    change: ({ s }) => ({
      method: 'POST',
      url: '/api/v1/admin/special-periods',
      body: {
        centreIds: [s.centre.id],
        name: { en: 'Ramadan', ar: 'رمضان' },
        startsOn: WED,
        endsOn: WED,
        weeklyHours: { ...GOVERNMENT_HOURS, wed: [{ open: '08:00', close: '12:00' }] },
      },
    }),
    stranded: ['b'],
    notice: 'cancellation',
  },
  {
    name: 'deleting a special period (weekly hours come back and do not cover 15:00)',
    prepare: async (w) => {
      const period = await createSpecialPeriod(t.db, {
        centreId: w.s.centre.id,
        name: { en: 'Long hours', ar: 'ساعات طويلة' },
        startsOn: WED,
        endsOn: WED,
        weeklyHours: { ...GOVERNMENT_HOURS, wed: [{ open: '07:00', close: '16:00' }] },
      });
      w.refs.period = period?.id ?? '';
      w.refs.d = await bookAt(w.s, at('15:00'));
    },
    change: ({ refs }) => ({ method: 'DELETE', url: `/api/v1/admin/special-periods/${refs.period}` }),
    stranded: ['d'],
    notice: 'cancellation',
  },
  {
    name: 'weekly hours applied to a group of centres',
    prepare: async (w) => {
      w.other = await createOfferingSetup(t.db);
      w.refs.e = await bookAt(w.other, at('13:30'));
    },
    change: ({ s, other }) => ({
      method: 'POST',
      url: '/api/v1/admin/weekly-hours',
      body: { centreIds: [s.centre.id, other?.centre.id], weeklyHours: WED_TO_NOON },
    }),
    stranded: ['b', 'e'],
    notice: 'cancellation',
  },
  {
    name: 'a closure of a group of centres',
    prepare: async (w) => {
      w.other = await createOfferingSetup(t.db);
      w.refs.e = await bookAt(w.other, at('13:30'));
    },
    change: ({ s, other }) => ({
      method: 'POST',
      url: '/api/v1/admin/closures',
      body: {
        centreIds: [s.centre.id, other?.centre.id],
        date: WED,
        kind: 'closure',
        name: { en: 'Storm', ar: 'عاصفة' },
      },
    }),
    stranded: ['a1', 'a2', 'b', 'e'],
    notice: 'closure',
  },
];

async function world(c: Case): Promise<World> {
  const s = await createOfferingSetup(t.db);
  const refs: Record<string, string> = {};
  refs.a1 = await bookAt(s, at('08:00'));
  refs.a2 = await bookAt(s, at('08:00'));
  refs.b = await bookAt(s, at('13:00'));
  refs.c = await bookAt(s, at('08:00', '2026-12-03'));
  const w = { s, refs };
  await c.prepare?.(w);
  return w;
}

function send(change: Change, onAffected?: 'cancel' | 'keep') {
  if (change.method === 'DELETE')
    return asStaff(t, admin, 'DELETE', `${change.url}${onAffected ? `?onAffected=${onAffected}` : ''}`);
  return asStaff(t, admin, change.method, change.url, {
    ...change.body,
    ...(onAffected ? { onAffected } : {}),
  });
}

/** Everything an admin change could write, as one comparable text. */
async function snapshot() {
  const [row] = await queryRows<{ all: string }>(
    t.db,
    sql`SELECT concat_ws('|',
      (SELECT count(*) FROM audit_log),
      (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY id), '')) FROM centres c),
      (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY id), '')) FROM services s),
      (SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY id), '')) FROM offerings o),
      (SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY id), '')) FROM closures x),
      (SELECT md5(coalesce(string_agg(p::text, ',' ORDER BY id), '')) FROM special_periods p),
      (SELECT md5(coalesce(string_agg(l::text, ',' ORDER BY offering_id, starts_at), '')) FROM slot_loads l),
      (SELECT md5(coalesce(string_agg(b.status, ',' ORDER BY id), '')) FROM bookings b),
      (SELECT count(*) FROM messages)) AS all`,
  );
  return row?.all;
}

async function statuses(refs: Record<string, string>) {
  const rows = await t.db
    .select({ reference: bookings.reference, status: bookings.status, id: bookings.id })
    .from(bookings)
    .where(inArray(bookings.reference, Object.values(refs)));
  const byRef = new Map(rows.map((r) => [r.reference, r]));
  return Object.fromEntries(
    Object.entries(refs)
      .filter(([, ref]) => byRef.has(ref))
      .map(([key, ref]) => [key, byRef.get(ref)]),
  );
}

describe.each(CASES)('$name', (c) => {
  it('is refused with exactly the stranded bookings listed, and nothing written', async () => {
    const w = await world(c);
    const before = await snapshot();
    const res = await send(c.change(w));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('BOOKINGS_AFFECTED');
    const listed = (res.json().bookings as { reference: string; status: string }[]).map((b) => b.reference);
    expect(listed.sort()).toEqual(c.stranded.map((k) => w.refs[k]).sort());
    expect(JSON.stringify(res.json())).not.toMatch(/Fatima|3600/);
    expect(await snapshot()).toBe(before);
  });

  it('with "cancel" cancels exactly those, tells each of them, and frees nothing else', async () => {
    const w = await world(c);
    await t.db.delete(messages);
    const res = await send(c.change(w), 'cancel');
    expect(res.statusCode, res.body).toBeLessThan(300);
    const now = await statuses(w.refs);
    for (const [key, row] of Object.entries(now))
      expect([key, row?.status]).toEqual([key, c.stranded.includes(key) ? 'cancelled' : 'confirmed']);
    const told = await t.db.select({ bookingId: messages.bookingId, kind: messages.kind }).from(messages);
    expect(told.map((m) => [m.bookingId, m.kind]).sort()).toEqual(
      c.stranded.map((k) => [now[k]?.id, c.notice]).sort(),
    );
    await assertInvariants(t.db);
  });

  it('with "keep" keeps every booking and its seat', async () => {
    const w = await world(c);
    const res = await send(c.change(w), 'keep');
    expect(res.statusCode, res.body).toBeLessThan(300);
    for (const row of Object.values(await statuses(w.refs))) expect(row?.status).toBe('confirmed');
    await assertInvariants(t.db);
    const [over] = await queryRows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM slot_loads WHERE booked > capacity`,
    );
    expect(over?.n).toBe(0);
  });
});

describe('kept seats and availability', () => {
  it('after a kept capacity cut, the full slot shows none left and the others the new capacity', async () => {
    const w = await world(CASES[0] as Case);
    await send(CASES[0]?.change(w) as Change, 'keep');
    const day = await t.app.inject({
      url: `/api/v1/centres/${w.s.centre.id}/availability?service=${w.s.service.id}&from=${WED}&to=${WED}`,
    });
    const slots = day.json().days[0].slots as { start: string; remaining: number }[];
    const remaining = (time: string) => slots.find((x) => x.start === at(time))?.remaining;
    expect(remaining('08:00')).toBe(0);
    expect(remaining('08:15')).toBe(1);
    expect(remaining('13:00')).toBe(0);
    expect((await book(t, bookingBody(w.s, at('08:00')))).json().code).toBe('SLOT_FULL');
    expect((await book(t, bookingBody(w.s, at('08:15')))).statusCode).toBe(201);
    expect((await book(t, bookingBody(w.s, at('08:15')))).json().code).toBe('SLOT_FULL');
  });

  it('a seat freed in a kept slot is not sold again beyond the new capacity', async () => {
    const w = await world(CASES[0] as Case);
    await send(CASES[0]?.change(w) as Change, 'keep');
    const a2 = w.refs.a2 ?? '';
    expect((await manage(t, a2, tokens.get(a2), '/cancel', { method: 'POST' })).statusCode).toBe(200);
    expect((await book(t, bookingBody(w.s, at('08:00')))).json().code).toBe('SLOT_FULL');
  });

  it('after a kept closure, the day shows closed and takes no new booking', async () => {
    const c = CASES.find((x) => x.name === 'closing a day') as Case;
    const w = await world(c);
    await send(c.change(w), 'keep');
    const day = await t.app.inject({
      url: `/api/v1/centres/${w.s.centre.id}/availability?service=${w.s.service.id}&from=${WED}&to=${WED}`,
    });
    expect(day.json().days[0]).toMatchObject({ open: false, reason: 'CLOSURE' });
    expect((await book(t, bookingBody(w.s, at('09:00')))).statusCode).toBe(422);
  });
});
