import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, customers, messages } from '../../db/schema';
import { tickets } from '../../db/schema-hall';
import { auditLog } from '../../db/schema-staff';
import { book, bookingBody, nextCpr } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { asStaff, createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';

let t: TestApp;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;
let admin: Session;
const DAY = 86_400_000;
const daysFromNow = (n: number) => new Date(new Date(TEST_NOW).getTime() + n * DAY);

beforeAll(async () => {
  // A 30-day window keeps the lifted date inside the service's 60-day booking window.
  t = await buildTestApp({ env: { MAWAEED_NO_SHOW_DAYS: '30' } });
  setup = await createOfferingSetup(t.db, { service: { perPersonLimit: 5 } });
  admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
});
afterAll(() => t.close());

/** A past appointment of the person, straight in the database, in the given status. */
async function pastBooking(customerId: string, daysAgo: number, status: 'no_show' | 'served') {
  const startsAt = daysFromNow(-daysAgo);
  await t.db.insert(bookings).values({
    reference: `T${randomUUID().slice(0, 8).toUpperCase()}`,
    centreId: setup.centre.id,
    serviceId: setup.service.id,
    offeringId: setup.offering.id,
    customerId,
    status,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 15 * 60_000),
    channel: 'portal',
    contactName: 'Ali Hasan',
    contactMobile: '+97336000001',
    language: 'en',
    createdAt: startsAt,
    updatedAt: startsAt,
  });
}

describe('no-show policy (block, 3 in the window)', () => {
  it('refuses a fourth booking with a clear message until the limit lifts, then books again', async () => {
    const cpr = nextCpr();
    const first = await book(t, bookingBody(setup, '2026-11-30T10:00:00+03:00', { cpr }));
    expect(first.statusCode).toBe(201);
    const customerId = (await asStaff(t, admin, 'POST', '/api/v1/staff/customers/search', { cpr })).json()
      .items[0].id as string;
    for (const daysAgo of [5, 10, 20]) await pastBooking(customerId, daysAgo, 'no_show');
    await pastBooking(customerId, 3, 'served');

    const refused = await book(t, bookingBody(setup, '2026-12-01T10:00:00+03:00', { cpr }));
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    // The oldest of the three leaves the 30-day window 10 days from now: 9 December, local date.
    expect(refused.json()).toMatchObject({
      code: 'NO_SHOW_LIMIT',
      detail: 'You missed 3 appointments in the last 30 days, so booking online is paused until 2026-12-09.',
      until: '2026-12-09T09:00:00+03:00',
    });
    const inArabic = await book(t, bookingBody(setup, '2026-12-01T10:00:00+03:00', { cpr }), {
      'accept-language': 'ar',
    });
    expect(inArabic.json().detail).toContain('2026-12-09');
    expect(inArabic.json().detail).toContain('تغيبت');
    // Nothing half-written: still the one booking made through the API.
    const mine = (await t.db.select().from(bookings)).filter((b) => b.customerId === customerId);
    expect(mine).toHaveLength(5);

    const file = await asStaff(t, admin, 'POST', `/api/v1/staff/customers/${customerId}/open`, {
      reason: 'counter_enquiry',
    });
    expect(file.json().noShows).toMatchObject({
      count: 3,
      limit: 3,
      windowDays: 30,
      policy: 'block',
      limitLiftsAt: daysFromNow(10).toISOString(),
    });

    t.clock.set(daysFromNow(10));
    const again = await book(t, bookingBody(setup, '2026-12-13T10:00:00+03:00', { cpr }));
    expect(again.statusCode).toBe(201);
    t.clock.set(TEST_NOW);
  });

  it('lets a person under the limit book', async () => {
    const cpr = nextCpr();
    expect((await book(t, bookingBody(setup, '2026-11-30T11:00:00+03:00', { cpr }))).statusCode).toBe(201);
    const customerId = (await asStaff(t, admin, 'POST', '/api/v1/staff/customers/search', { cpr })).json()
      .items[0].id as string;
    for (const daysAgo of [2, 40]) await pastBooking(customerId, daysAgo, 'no_show');
    expect((await book(t, bookingBody(setup, '2026-12-01T11:00:00+03:00', { cpr }))).statusCode).toBe(201);
  });
});

describe('retention of customer files', () => {
  /** A customer straight in the database, created and last touched at `touchedAt`. */
  async function customer(name: string, touchedAt: Date) {
    const [row] = await t.db
      .insert(customers)
      .values({
        cprHash: `test.${randomUUID()}`,
        cprCipher: 'v1.test',
        name,
        mobile: '+97339998877',
        language: 'ar',
        createdAt: touchedAt,
        updatedAt: touchedAt,
      })
      .returning();
    if (!row) throw new Error('no customer');
    return row.id;
  }

  it('anonymises only the files inactive longer than 24 months, as the system, by id', async () => {
    const longAgo = daysFromNow(-800);
    const inactive = await customer('Old Inactive', longAgo);
    await pastBooking(inactive, 790, 'served');
    const bookedLately = await customer('Booked Lately', longAgo);
    await pastBooking(bookedLately, 20, 'served');
    const visitedLately = await customer('Visited Lately', longAgo);
    await t.db.insert(tickets).values({
      centreId: setup.centre.id,
      serviceId: setup.service.id,
      day: '2026-10-01',
      letter: 'P',
      sequence: 900,
      number: 'P-900',
      customerId: visitedLately,
      kind: 'walk_in',
      status: 'served',
      issuedAt: daysFromNow(-59),
      queuedAt: daysFromNow(-59),
    });
    const newcomer = await customer('New Comer', daysFromNow(-30));

    const removed = await t.app.retention.purge();
    expect(removed['inactive customer files']).toBe(1);
    const rows = await t.db.select().from(customers);
    const byId = (id: string) => rows.find((r) => r.id === id);
    expect(byId(inactive)).toMatchObject({ name: '', mobile: '', cprCipher: '' });
    expect(byId(inactive)?.anonymisedAt).not.toBeNull();
    for (const kept of [bookedLately, visitedLately, newcomer]) expect(byId(kept)?.anonymisedAt).toBeNull();
    // The visit facts stay; the audit names the customer by id, written by the system.
    expect((await t.db.select().from(bookings)).filter((b) => b.customerId === inactive)).toHaveLength(1);
    const audit = (await t.db.select().from(auditLog)).filter((a) => a.entityId === inactive);
    expect(audit).toEqual([
      expect.objectContaining({ actorKind: 'system', action: 'anonymise', before: null }),
    ]);
    expect(JSON.stringify(await t.db.select().from(auditLog))).not.toContain('Old Inactive');
    // Run again: nothing more to do.
    expect((await t.app.retention.purge())['inactive customer files']).toBe(0);
  });
});

describe('consents', () => {
  it('reminds each person only on the channels they still consent to', async () => {
    const withdraw = async (cpr: string, kind: 'sms_reminders' | 'email') => {
      const found = await asStaff(t, admin, 'POST', '/api/v1/staff/customers/search', { cpr });
      const customerId = found.json().items[0].id as string;
      const consent = await asStaff(t, admin, 'POST', `/api/v1/staff/customers/${customerId}/consents`, {
        kind,
        state: 'withdrawn',
        channel: 'counter',
      });
      expect(consent.statusCode).toBe(200);
      return consent;
    };
    const people = {
      noSmsNoEmail: { cpr: nextCpr() },
      noSmsButEmail: { cpr: nextCpr(), email: 'sms.off@example.bh' },
      noEmail: { cpr: nextCpr(), email: 'email.off@example.bh' },
      everything: { cpr: nextCpr(), email: 'all.on@example.bh' },
    };
    const references = new Map<string, string>();
    let minute = 0;
    for (const [who, customer] of Object.entries(people)) {
      const start = `2026-11-30T12:${String(minute).padStart(2, '0')}:00+03:00`;
      minute += 15;
      const booked = await book(t, bookingBody(setup, start, customer));
      expect(booked.statusCode).toBe(201);
      references.set(who, booked.json().reference);
    }
    const consent = await withdraw(people.noSmsNoEmail.cpr, 'sms_reminders');
    expect(consent.json().current[0]).toMatchObject({ state: 'withdrawn', channel: 'counter' });
    await withdraw(people.noSmsButEmail.cpr, 'sms_reminders');
    await withdraw(people.noEmail.cpr, 'email');
    t.clock.set('2026-11-30T11:00:00+03:00');
    await t.app.jobs.runDueJobs();
    const sent = await t.db.select().from(messages);
    const bookingsByRef = new Map((await t.db.select().from(bookings)).map((r) => [r.reference, r.id]));
    const channelsFor = (who: keyof typeof people) =>
      [
        ...new Set(
          sent
            .filter(
              (m) => m.kind === 'reminder' && m.bookingId === bookingsByRef.get(references.get(who) ?? ''),
            )
            .map((m) => m.channel),
        ),
      ].sort();
    expect(channelsFor('noSmsNoEmail')).toEqual([]);
    expect(channelsFor('noSmsButEmail')).toEqual(['email']);
    expect(channelsFor('noEmail')).toEqual(['sms']);
    expect(channelsFor('everything')).toEqual(['email', 'sms']);
    t.clock.set(TEST_NOW);
  });

  it('lets the person see and withdraw their own consents with the manage token', async () => {
    const booked = (await book(t, bookingBody(setup, '2026-11-30T12:30:00+03:00'))).json();
    const url = `/api/v1/bookings/${booked.reference}/consents`;
    const auth = { authorization: `Bearer ${booked.manageToken}` };
    const mine = await t.app.inject({ url, headers: auth });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().current.map((c: { state: string }) => c.state)).toEqual(['given', 'given', 'given']);
    const withdrawn = await t.app.inject({
      method: 'POST',
      url,
      headers: auth,
      payload: { kind: 'email', state: 'withdrawn' },
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().current[1]).toMatchObject({
      kind: 'email',
      state: 'withdrawn',
      channel: 'manage',
    });
    const stranger = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: 'Bearer not-the-token' },
      payload: { kind: 'email', state: 'given' },
    });
    expect(stranger.statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'POST',
      url,
      headers: auth,
      payload: { kind: 'email', state: 'maybe' },
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ url, headers: auth })).json().current[1].state).toBe('withdrawn');
  });
});
