import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { bookings, slotLoads } from '../../db/schema';
import { book, bookingBody } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { asStaff, createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
});
afterAll(() => t.close());

const HOURS = {
  sun: [{ open: '08:00', close: '12:00' }],
  mon: [{ open: '08:00', close: '12:00' }],
  tue: [{ open: '08:00', close: '12:00' }],
  wed: [{ open: '08:00', close: '12:00' }],
  thu: [{ open: '08:00', close: '12:00' }],
  fri: [],
  sat: [],
};
const centreBody = (code: string) => ({
  code,
  name: { en: 'Sitra Centre', ar: 'مركز سترة' },
  address: { en: 'Sitra', ar: 'سترة' },
  phone: '+973 1700 1111',
  location: { lat: 26.15, lng: 50.62 },
  timeZone: 'Asia/Bahrain',
  weeklyHours: HOURS,
});

async function auditRows(entity: string, entityId: string) {
  const res = await asStaff(t, admin, 'GET', `/api/v1/admin/audit?entity=${entity}&entityId=${entityId}`);
  return res.json().items as { action: string; before: unknown; after: Record<string, unknown> }[];
}

async function bookedSetup(starts: string[], capacity = 2) {
  const setup = await createOfferingSetup(t.db, { offering: { capacity } });
  const made = [];
  for (const start of starts) {
    const res = await book(t, bookingBody(setup, start));
    expect(res.statusCode).toBe(201);
    made.push(res.json().reference as string);
  }
  return { ...setup, references: made };
}

const statusOf = async (reference: string) =>
  (await t.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.reference, reference)))[0]
    ?.status;

describe('centres, services and offerings', () => {
  it('adds a centre with hours and an offering, and its slots are bookable at once, with audit rows', async () => {
    const created = await asStaff(t, admin, 'POST', '/api/v1/admin/centres', centreBody('sitra'));
    expect(created.statusCode).toBe(201);
    const centreId = created.json().id;
    const service = await asStaff(t, admin, 'POST', '/api/v1/admin/services', {
      code: 'id-card',
      letter: 'I',
      name: { en: 'ID card', ar: 'البطاقة' },
      description: { en: 'Renew', ar: 'تجديد' },
      durationMinutes: 10,
      documents: { en: [], ar: [] },
      walkIns: true,
      minLeadMinutes: 60,
      maxDaysAhead: 30,
      perPersonLimit: 1,
    });
    expect(service.statusCode).toBe(201);
    const serviceId = service.json().id;
    const offering = await asStaff(
      t,
      admin,
      'PUT',
      `/api/v1/admin/centres/${centreId}/offerings/${serviceId}`,
      {
        slotMinutes: 30,
        capacity: 3,
      },
    );
    expect(offering.statusCode).toBe(200);
    const day = await t.app.inject({
      url: `/api/v1/centres/${centreId}/availability?service=${serviceId}&from=2026-12-01&to=2026-12-01`,
    });
    expect(day.json().days[0].slots.map((s: { start: string }) => s.start.slice(11, 16))).toEqual([
      '08:00',
      '08:30',
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
    ]);
    expect((await auditRows('centre', centreId))[0]).toMatchObject({ action: 'create' });
    expect((await auditRows('offering', offering.json().id))[0]).toMatchObject({
      action: 'create',
      after: { capacity: 3 },
    });
  });

  it('adds a centre without weekly hours as closed every day: nothing is bookable until hours are set', async () => {
    const { weeklyHours: _none, ...body } = centreBody('no-hours');
    const created = await asStaff(t, admin, 'POST', '/api/v1/admin/centres', body);
    expect(created.statusCode).toBe(201);
    const centreId = created.json().id;
    expect(created.json().weeklyHours).toEqual({
      sun: [],
      mon: [],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
    });
    const { service } = await createOfferingSetup(t.db);
    const offering = await asStaff(
      t,
      admin,
      'PUT',
      `/api/v1/admin/centres/${centreId}/offerings/${service.id}`,
      {
        slotMinutes: 30,
        capacity: 3,
      },
    );
    expect(offering.statusCode).toBe(200);
    const week = await t.app.inject({
      url: `/api/v1/centres/${centreId}/availability?service=${service.id}&from=2026-12-01&to=2026-12-07`,
    });
    expect(week.json().days).toHaveLength(7);
    for (const day of week.json().days) expect(day).toMatchObject({ open: false, reason: 'WEEKLY_CLOSED' });
  });

  it('copies a centre with its offerings and counters', async () => {
    const setup = await createOfferingSetup(t.db);
    const counter = await asStaff(t, admin, 'POST', `/api/v1/admin/centres/${setup.centre.id}/counters`, {
      number: 1,
      name: { en: 'Counter 1', ar: 'الشباك 1' },
      serviceIds: [setup.service.id],
    });
    expect(counter.statusCode).toBe(201);
    const copy = await asStaff(t, admin, 'POST', '/api/v1/admin/centres', {
      ...centreBody('copy-1'),
      weeklyHours: undefined,
      copyFrom: setup.centre.id,
    });
    expect(copy.statusCode).toBe(201);
    expect(copy.json().weeklyHours).toEqual(setup.centre.weeklyHours);
    const offerings = await asStaff(t, admin, 'GET', `/api/v1/admin/centres/${copy.json().id}/offerings`);
    expect(offerings.json().items).toMatchObject([{ serviceId: setup.service.id, capacity: 2 }]);
    const counters = await asStaff(t, admin, 'GET', `/api/v1/admin/centres/${copy.json().id}/counters`);
    expect(counters.json().items).toMatchObject([{ number: 1, serviceIds: [setup.service.id] }]);
  });

  it('refuses a duplicate code or bad input with a problem and writes nothing', async () => {
    await asStaff(t, admin, 'POST', '/api/v1/admin/centres', centreBody('dup'));
    const again = await asStaff(t, admin, 'POST', '/api/v1/admin/centres', centreBody('dup'));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_EXISTS');
    const bad = await asStaff(t, admin, 'POST', '/api/v1/admin/centres', {
      ...centreBody('bad'),
      timeZone: 'Mars/Base',
    });
    expect(bad.statusCode).toBe(400);
    const [row] = await queryRows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM centres WHERE code = 'bad'`,
    );
    expect(row?.n).toBe(0);
  });
});

describe('the overbooking guard', () => {
  it('lists bookings a closure would strand, then cancels them when told to', async () => {
    const s = await bookedSetup(['2026-12-02T08:00:00+03:00', '2026-12-02T09:00:00+03:00']);
    const body = {
      centreIds: [s.centre.id],
      date: '2026-12-02',
      kind: 'closure',
      name: { en: 'Works', ar: 'أعمال' },
    };
    const refused = await asStaff(t, admin, 'POST', '/api/v1/admin/closures', body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('BOOKINGS_AFFECTED');
    expect(
      refused
        .json()
        .bookings.map((b: { reference: string }) => b.reference)
        .sort(),
    ).toEqual([...s.references].sort());
    expect(JSON.stringify(refused.json())).not.toContain('Fatima');
    expect(
      (await asStaff(t, admin, 'GET', `/api/v1/admin/closures?centreId=${s.centre.id}`)).json().items,
    ).toEqual([]);

    const cancelled = await asStaff(t, admin, 'POST', '/api/v1/admin/closures', {
      ...body,
      onAffected: 'cancel',
    });
    expect(cancelled.statusCode).toBe(201);
    for (const r of s.references) expect(await statusOf(r)).toBe('cancelled');
    const bookingId =
      (
        await t.db
          .select()
          .from(bookings)
          .where(eq(bookings.reference, s.references[0] ?? ''))
      )[0]?.id ?? '';
    const rows = await auditRows('booking', bookingId);
    expect(rows[0]).toMatchObject({ action: 'cancel', after: { status: 'cancelled' } });
    expect(JSON.stringify(rows)).not.toMatch(/Fatima|3600/);
  });

  it('keeps bookings when hours shrink and the decision is keep', async () => {
    const s = await bookedSetup(['2026-12-03T13:00:00+03:00']);
    const path = `/api/v1/admin/centres/${s.centre.id}`;
    expect((await asStaff(t, admin, 'PATCH', path, { weeklyHours: HOURS })).statusCode).toBe(409);
    const kept = await asStaff(t, admin, 'PATCH', path, { weeklyHours: HOURS, onAffected: 'keep' });
    expect(kept.statusCode).toBe(200);
    expect(await statusOf(s.references[0] ?? '')).toBe('confirmed');
    const day = await t.app.inject({
      url: `/api/v1/centres/${s.centre.id}/availability?service=${s.service.id}&from=2026-12-03&to=2026-12-03`,
    });
    expect(day.json().days[0].slots.at(-1).start).toBe('2026-12-03T11:45:00+03:00');
  });

  it('cuts capacity: keep leaves the seats, and no new booking passes the new capacity', async () => {
    const start = '2026-12-06T08:00:00+03:00';
    const s = await bookedSetup([start, start], 3);
    const path = `/api/v1/admin/centres/${s.centre.id}/offerings/${s.service.id}`;
    const refused = await asStaff(t, admin, 'PUT', path, { slotMinutes: 15, capacity: 1 });
    expect(refused.json().bookings).toHaveLength(1);
    expect(refused.json().bookings[0].reference).toBe(s.references[1]);
    expect(
      (await asStaff(t, admin, 'PUT', path, { slotMinutes: 15, capacity: 1, onAffected: 'keep' })).statusCode,
    ).toBe(200);
    const [load] = await t.db.select().from(slotLoads).where(eq(slotLoads.offeringId, s.offering.id));
    expect(load).toMatchObject({ booked: 2, capacity: 2 });
    expect((await book(t, bookingBody(s, start))).json().code).toBe('SLOT_FULL');
    // Raising capacity again takes effect at once for the same slot.
    await asStaff(t, admin, 'PUT', path, { slotMinutes: 15, capacity: 4 });
    expect((await book(t, bookingBody(s, start))).statusCode).toBe(201);
  });

  it('cancels the latest bookings of a cut slot when told to, and guards ending an offering', async () => {
    const start = '2026-12-07T08:00:00+03:00';
    const s = await bookedSetup([start, start], 2);
    const path = `/api/v1/admin/centres/${s.centre.id}/offerings/${s.service.id}`;
    await asStaff(t, admin, 'PUT', path, { slotMinutes: 15, capacity: 1, onAffected: 'cancel' });
    expect(await statusOf(s.references[0] ?? '')).toBe('confirmed');
    expect(await statusOf(s.references[1] ?? '')).toBe('cancelled');
    const ending = await asStaff(t, admin, 'PUT', path, { slotMinutes: 15, capacity: 1, active: false });
    expect(ending.json()).toMatchObject({
      code: 'BOOKINGS_AFFECTED',
      bookings: [{ reference: s.references[0] }],
    });
  });

  it('guards a special period and a group change of weekly hours', async () => {
    const a = await bookedSetup(['2026-12-08T13:00:00+03:00']);
    const b = await bookedSetup(['2026-12-09T08:00:00+03:00']);
    const period = await asStaff(t, admin, 'POST', '/api/v1/admin/special-periods', {
      centreIds: [a.centre.id, b.centre.id],
      name: { en: 'Ramadan', ar: 'رمضان' },
      startsOn: '2026-12-08',
      endsOn: '2026-12-10',
      weeklyHours: HOURS,
    });
    expect(period.json().bookings.map((x: { reference: string }) => x.reference)).toEqual(a.references);
    const group = await asStaff(t, admin, 'POST', '/api/v1/admin/weekly-hours', {
      centreIds: [a.centre.id, b.centre.id],
      weeklyHours: { ...HOURS, wed: [] },
    });
    expect(group.statusCode).toBe(409);
    expect(
      group
        .json()
        .bookings.map((x: { reference: string }) => x.reference)
        .sort(),
    ).toEqual([...a.references, ...b.references].sort());
    const applied = await asStaff(t, admin, 'POST', '/api/v1/admin/weekly-hours', {
      centreIds: [a.centre.id, b.centre.id],
      weeklyHours: { ...HOURS, wed: [] },
      onAffected: 'cancel',
    });
    expect(applied.statusCode).toBe(200);
    expect(await statusOf(b.references[0] ?? '')).toBe('cancelled');
  });

  it('guards a national holiday across every centre', async () => {
    const s = await bookedSetup(['2026-12-10T08:00:00+03:00']);
    const body = {
      centreIds: null,
      date: '2026-12-10',
      kind: 'holiday',
      name: { en: 'Holiday', ar: 'عطلة' },
    };
    const refused = await asStaff(t, admin, 'POST', '/api/v1/admin/closures', body);
    expect(refused.json().bookings.map((x: { reference: string }) => x.reference)).toContain(s.references[0]);
    expect(
      (await asStaff(t, admin, 'POST', '/api/v1/admin/closures', { ...body, onAffected: 'keep' })).statusCode,
    ).toBe(201);
  });
});

describe('the audit log', () => {
  it('cannot be changed, even by SQL', async () => {
    await expect(t.db.execute(sql`UPDATE audit_log SET action = 'x'`)).rejects.toThrow();
    await expect(t.db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
  });

  it('exports as CSV and filters by entity', async () => {
    const csv = await asStaff(t, admin, 'GET', '/api/v1/admin/audit.csv?entity=centre');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actorKind,actorId,action,entity,entityId,centreId,before,after');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes('"centre"'))).toBe(true);
  });
});
