import { eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { offerings } from '../../db/schema';
import { book, bookingBody, manage, nextCpr } from '../../test/bookings';
import { createClosure, createOffering, createOfferingSetup, createService } from '../../test/factories';
import { assertInvariants } from '../../test/invariants';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;

// Now is Sunday 29 Nov 2026 09:00 Bahrain; Tuesday 1 December is open 07:00–14:15.
const SLOT = '2026-12-01T08:30:00+03:00';
const slotAt = (time: string, date = '2026-12-01') => `${date}T${time}:00+03:00`;

beforeAll(async () => {
  t = await buildTestApp();
  setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 2 } });
});
afterAll(async () => {
  await assertInvariants(t.db);
  await t.close();
});

async function remaining(start: string, s = setup) {
  const date = start.slice(0, 10);
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/centres/${s.centre.id}/availability?service=${s.service.id}&from=${date}&to=${date}`,
  });
  return res.json().days[0].slots.find((x: { start: string }) => x.start === start)?.remaining;
}

async function countRows(table: string) {
  const [row] = await queryRows<{ n: number }>(t.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return row?.n;
}

describe('booking a slot', () => {
  it('answers 201 with exactly the fields of the contract, the mobile masked and no CPR', async () => {
    const body = bookingBody(setup, slotAt('07:00'), {
      cpr: '870512345',
      mobile: '+973 3600 1234',
      email: 'f@example.bh',
    });
    const res = await book(t, body);
    expect(res.statusCode).toBe(201);
    const json = res.json();
    expect(Object.keys(json).sort()).toEqual(
      ['centreId', 'customer', 'end', 'manageToken', 'reference', 'serviceId', 'start', 'status'].sort(),
    );
    expect(json).toMatchObject({
      status: 'confirmed',
      centreId: setup.centre.id,
      serviceId: setup.service.id,
      start: '2026-12-01T07:00:00+03:00',
      end: '2026-12-01T07:15:00+03:00',
      customer: { name: 'Fatima Ali', mobileMasked: '+973 •••• ••34', language: 'en' },
    });
    expect(Object.keys(json.customer).sort()).toEqual(['language', 'mobileMasked', 'name']);
    expect(json.reference).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(res.body).not.toContain('870512345');
    expect(res.body).not.toContain('36001234');
  });

  it('takes a seat at once: the slot’s remaining count drops', async () => {
    expect(await remaining(slotAt('07:15'))).toBe(2);
    expect((await book(t, bookingBody(setup, slotAt('07:15')))).statusCode).toBe(201);
    expect(await remaining(slotAt('07:15'))).toBe(1);
  });

  it('refuses a full slot with SLOT_FULL and writes nothing', async () => {
    const start = slotAt('07:30');
    expect((await book(t, bookingBody(setup, start))).statusCode).toBe(201);
    expect((await book(t, bookingBody(setup, start))).statusCode).toBe(201);
    const [bookingsBefore, customersBefore] = [await countRows('bookings'), await countRows('customers')];
    const res = await book(t, bookingBody(setup, start));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SLOT_FULL', status: 409 });
    // The second refusal is the fast one, read before any transaction: the same answer.
    const again = await book(t, bookingBody(setup, start));
    expect(again.statusCode).toBe(409);
    expect(again.body).toBe(res.body);
    expect(await countRows('bookings')).toBe(bookingsBefore);
    expect(await countRows('customers')).toBe(customersBefore);
    expect(await remaining(start)).toBe(0);
  });

  it('books on the catalogue as it is, even right after a change the recent answer has not seen', async () => {
    // The booking's statement uses the catalogue's answer from the last few seconds, checked by
    // its version; each change here is written straight into the database, as another instance
    // or an admin would, within those seconds.
    const own = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 2 } });
    const start = slotAt('10:00');
    expect((await book(t, bookingBody(own, start))).statusCode).toBe(201);
    await t.db.update(offerings).set({ capacity: 1 }).where(eq(offerings.id, own.offering.id));
    const full = await book(t, bookingBody(own, start));
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('SLOT_FULL');

    expect((await book(t, bookingBody(own, slotAt('10:15')))).statusCode).toBe(201);
    await createClosure(t.db, {
      centreId: own.centre.id,
      date: '2026-12-01',
      kind: 'closure',
      name: { en: 'Works', ar: 'أعمال' },
    });
    // 10:15 has a seat left, and the recent answer still shows the day open.
    const closed = await book(t, bookingBody(own, slotAt('10:15')));
    expect(closed.json()).toMatchObject({ code: 'SLOT_NOT_FOUND' });
    expect(await remaining(slotAt('10:15'), own)).toBeUndefined();
  });

  it('refuses a second active booking for the same service', async () => {
    const cpr = nextCpr();
    expect((await book(t, bookingBody(setup, slotAt('08:00'), { cpr }))).statusCode).toBe(201);
    const res = await book(
      t,
      bookingBody(setup, slotAt('09:00'), {
        cpr: ` ${cpr
          .split('')
          .map((d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)])
          .join('')}`,
      }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('PERSON_LIMIT');
    expect(await remaining(slotAt('09:00'))).toBe(2);
  });

  it('lets the same person book another service, and a service allow more than one booking', async () => {
    const cpr = nextCpr();
    const other = await createService(t.db, { perPersonLimit: 2 });
    await createOffering(t.db, setup.centre.id, other.id);
    const second = { centre: setup.centre, service: other };
    expect((await book(t, bookingBody(setup, slotAt('10:00'), { cpr }))).statusCode).toBe(201);
    expect((await book(t, bookingBody(second, slotAt('10:00'), { cpr }))).statusCode).toBe(201);
    expect((await book(t, bookingBody(second, slotAt('10:15'), { cpr }))).statusCode).toBe(201);
    expect((await book(t, bookingBody(second, slotAt('10:30'), { cpr }))).json().code).toBe('PERSON_LIMIT');
  });

  it('stores the CPR only sealed: no table holds it readable', async () => {
    const cpr = '990112347';
    expect((await book(t, bookingBody(setup, slotAt('11:00'), { cpr }))).statusCode).toBe(201);
    for (const table of ['customers', 'bookings', 'booking_history', 'booking_tokens', 'idempotency_keys']) {
      const rows = await queryRows<{ row: string }>(t.db, sql.raw(`SELECT t::text AS row FROM ${table} t`));
      for (const r of rows) expect(r.row).not.toContain(cpr);
    }
  });
});

describe('input the contract refuses', () => {
  const cases: [string, (b: ReturnType<typeof bookingBody>) => unknown, string, number][] = [
    [
      'a CPR of 8 digits',
      (b) => ({ ...b, customer: { ...b.customer, cpr: '12345678' } }),
      'VALIDATION_FAILED',
      400,
    ],
    [
      'a landline',
      (b) => ({ ...b, customer: { ...b.customer, mobile: '17001234' } }),
      'VALIDATION_FAILED',
      400,
    ],
    [
      'a short number',
      (b) => ({ ...b, customer: { ...b.customer, mobile: '999' } }),
      'VALIDATION_FAILED',
      400,
    ],
    ['an empty name', (b) => ({ ...b, customer: { ...b.customer, name: '   ' } }), 'VALIDATION_FAILED', 400],
    [
      'a name of 101 characters',
      (b) => ({ ...b, customer: { ...b.customer, name: 'x'.repeat(101) } }),
      'VALIDATION_FAILED',
      400,
    ],
    [
      'an email over 254',
      (b) => ({ ...b, customer: { ...b.customer, email: `${'a'.repeat(250)}@x.bh` } }),
      'VALIDATION_FAILED',
      400,
    ],
    [
      'a language other than ar/en',
      (b) => ({ ...b, customer: { ...b.customer, language: 'fr' } }),
      'VALIDATION_FAILED',
      400,
    ],
    ['an unknown field', (b) => ({ ...b, admin: true }), 'VALIDATION_FAILED', 400],
    [
      'an unknown customer field',
      (b) => ({ ...b, customer: { ...b.customer, role: 'x' } }),
      'VALIDATION_FAILED',
      400,
    ],
    [
      'a number for the CPR',
      (b) => ({ ...b, customer: { ...b.customer, cpr: 870512345 } }),
      'VALIDATION_FAILED',
      400,
    ],
    ['a start without offset', (b) => ({ ...b, start: '2026-12-01T08:30:00' }), 'VALIDATION_FAILED', 400],
    ['a malformed centre id', (b) => ({ ...b, centreId: 'x' }), 'VALIDATION_FAILED', 400],
    [
      'an unknown centre',
      (b) => ({ ...b, centreId: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
      404,
    ],
    ['a slot in the past', (b) => ({ ...b, start: '2026-11-26T08:30:00+03:00' }), 'SLOT_IN_PAST', 422],
    ['a time between slots', (b) => ({ ...b, start: '2026-12-01T08:37:00+03:00' }), 'SLOT_NOT_FOUND', 422],
    ['a Friday', (b) => ({ ...b, start: '2026-12-04T08:30:00+03:00' }), 'SLOT_NOT_FOUND', 422],
    ['after closing', (b) => ({ ...b, start: '2026-12-01T14:15:00+03:00' }), 'SLOT_NOT_FOUND', 422],
    [
      'beyond the booking window',
      (b) => ({ ...b, start: '2027-03-01T08:30:00+03:00' }),
      'OUTSIDE_BOOKING_WINDOW',
      422,
    ],
    [
      'inside the lead time',
      (b) => ({ ...b, start: '2026-11-29T09:30:00+03:00' }),
      'OUTSIDE_BOOKING_WINDOW',
      422,
    ],
  ];

  it.each(cases)('refuses %s, writing nothing', async (_name, change, code, status) => {
    const before = await countRows('bookings');
    const res = await book(t, change(bookingBody(setup, SLOT)));
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
    expect(await countRows('bookings')).toBe(before);
  });

  it('refuses malformed JSON and a body that is not JSON', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: '{"centreId": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('VALIDATION_FAILED');
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts Arabic-Indic digits in CPR and mobile', async () => {
    const res = await book(t, bookingBody(setup, slotAt('11:15'), { cpr: '٨٥٠٣١٢٣٤٥', mobile: '٣٣٤٤٥٥٦٦' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().customer.mobileMasked).toBe('+973 •••• ••66');
  });
});

describe('managing a booking', () => {
  let booking: { reference: string; manageToken: string };
  const cpr = nextCpr();

  beforeAll(async () => {
    booking = (await book(t, bookingBody(setup, slotAt('12:00'), { cpr }))).json();
  });

  it('opens with its manage token and shows no token or CPR', async () => {
    const res = await manage(t, booking.reference, booking.manageToken);
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual([
      'centreId',
      'customer',
      'end',
      'reference',
      'serviceId',
      'start',
      'status',
    ]);
    expect(res.json().start).toBe(slotAt('12:00'));
  });

  it('answers a missing or wrong token exactly like an unknown reference', async () => {
    const unknown = await manage(t, 'ZZZZ-ZZZZ', booking.manageToken);
    const missing = await manage(t, booking.reference, undefined);
    const wrong = await manage(t, booking.reference, 'not-the-token');
    const other = (await book(t, bookingBody(setup, slotAt('12:15')))).json();
    const borrowed = await manage(t, booking.reference, other.manageToken);
    for (const res of [missing, wrong, borrowed]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(unknown.body);
    }
    expect(unknown.json().code).toBe('BOOKING_NOT_FOUND');
  });

  it('reads the reference however it is typed', async () => {
    const typed = `${booking.reference.slice(0, 4).toLowerCase()}-${booking.reference.slice(4)}`;
    expect((await manage(t, typed, booking.manageToken)).statusCode).toBe(200);
  });

  it('gives a new manage token for the reference and the right CPR only', async () => {
    const wrong = await manage(t, booking.reference, undefined, '/access', {
      method: 'POST',
      payload: { cpr: nextCpr() },
    });
    const unknown = await manage(t, 'ZZZZ-ZZZZ', undefined, '/access', { method: 'POST', payload: { cpr } });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(unknown.body);
    const right = await manage(t, booking.reference, undefined, '/access', {
      method: 'POST',
      payload: { cpr },
    });
    expect(right.statusCode).toBe(200);
    expect((await manage(t, booking.reference, right.json().manageToken)).statusCode).toBe(200);
    // The original link keeps working too.
    expect((await manage(t, booking.reference, booking.manageToken)).statusCode).toBe(200);
  });

  it('writes a calendar file with start, end, place and a reminder', async () => {
    const res = await manage(t, booking.reference, booking.manageToken, '/calendar.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(res.body)).getFirstSubcomponent('vevent') ?? undefined,
    );
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-01T09:15:00.000Z');
    expect(event.location).toContain(setup.centre.name.en);
    expect(event.summary).toContain(setup.service.name.en);
    expect(event.component.getAllSubcomponents('valarm')).toHaveLength(1);
    expect(res.body).not.toContain(booking.manageToken);
  });

  it('writes the calendar file in Arabic for an Arabic booking', async () => {
    const ar = (await book(t, bookingBody(setup, slotAt('12:30'), { language: 'ar' }))).json();
    const res = await manage(t, ar.reference, ar.manageToken, '/calendar.ics');
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(res.body)).getFirstSubcomponent('vevent') ?? undefined,
    );
    expect(event.summary).toContain(setup.service.name.ar);
    expect(event.location).toContain(setup.centre.name.ar);
  });
});

describe('rescheduling and cancelling', () => {
  it('moves a booking in one step, keeping its reference, freeing the old seat', async () => {
    const b = (await book(t, bookingBody(setup, slotAt('13:00')))).json();
    const res = await manage(t, b.reference, b.manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: slotAt('13:15') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ reference: b.reference, start: slotAt('13:15'), status: 'confirmed' });
    expect(await remaining(slotAt('13:00'))).toBe(2);
    expect(await remaining(slotAt('13:15'))).toBe(1);
  });

  it('keeps the booking where it was when the new slot is full', async () => {
    const b = (await book(t, bookingBody(setup, slotAt('13:30')))).json();
    await book(t, bookingBody(setup, slotAt('13:45')));
    await book(t, bookingBody(setup, slotAt('13:45')));
    const res = await manage(t, b.reference, b.manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: slotAt('13:45') },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('SLOT_FULL');
    expect((await manage(t, b.reference, b.manageToken)).json().start).toBe(slotAt('13:30'));
    expect(await remaining(slotAt('13:30'))).toBe(1);
  });

  it('refuses to move to a time that is not a slot', async () => {
    const b = (await book(t, bookingBody(setup, slotAt('07:45', '2026-12-02')))).json();
    const res = await manage(t, b.reference, b.manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: '2026-12-04T08:00:00+03:00' },
    });
    expect(res.json().code).toBe('SLOT_NOT_FOUND');
  });

  it('cancels, frees the seat at once, and is harmless to repeat', async () => {
    const start = slotAt('08:00', '2026-12-02');
    const b = (await book(t, bookingBody(setup, start))).json();
    expect(await remaining(start)).toBe(1);
    const first = await manage(t, b.reference, b.manageToken, '/cancel', {
      method: 'POST',
      payload: { reason: 'Travelling' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('cancelled');
    expect(await remaining(start)).toBe(2);
    const again = await manage(t, b.reference, b.manageToken, '/cancel', { method: 'POST' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await remaining(start)).toBe(2);
  });

  it('lets a person book the service again after cancelling', async () => {
    const cpr = nextCpr();
    const b = (await book(t, bookingBody(setup, slotAt('08:15', '2026-12-02'), { cpr }))).json();
    await manage(t, b.reference, b.manageToken, '/cancel', { method: 'POST' });
    expect((await book(t, bookingBody(setup, slotAt('08:30', '2026-12-02'), { cpr }))).statusCode).toBe(201);
  });

  it('refuses to move a cancelled booking', async () => {
    const b = (await book(t, bookingBody(setup, slotAt('08:45', '2026-12-02')))).json();
    await manage(t, b.reference, b.manageToken, '/cancel', { method: 'POST' });
    const res = await manage(t, b.reference, b.manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: slotAt('09:00', '2026-12-02') },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('BOOKING_NOT_CHANGEABLE');
  });

  it('records every change in the booking’s history', async () => {
    const b = (await book(t, bookingBody(setup, slotAt('09:15', '2026-12-02')))).json();
    await manage(t, b.reference, b.manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: slotAt('09:30', '2026-12-02') },
    });
    await manage(t, b.reference, b.manageToken, '/cancel', { method: 'POST' });
    const rows = await queryRows(
      t.db,
      sql`SELECT h.event, h.from_status, h.to_status FROM booking_history h JOIN bookings b ON b.id = h.booking_id WHERE b.reference = ${b.reference} ORDER BY h.id`,
    );
    expect(rows).toEqual([
      { event: 'book', from_status: null, to_status: 'confirmed' },
      { event: 'reschedule', from_status: 'confirmed', to_status: 'confirmed' },
      { event: 'cancel', from_status: 'confirmed', to_status: 'cancelled' },
    ]);
  });
});

describe('idempotency keys', () => {
  it('replays the original answer for the same key and body, booking once', async () => {
    const body = bookingBody(setup, slotAt('09:45', '2026-12-02'));
    const key = { 'idempotency-key': 'retry-1' };
    const first = await book(t, body, key);
    const again = await book(t, body, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await remaining(slotAt('09:45', '2026-12-02'))).toBe(1);
  });

  it('compares bodies, not their key order', async () => {
    const body = bookingBody(setup, slotAt('10:00', '2026-12-02'));
    const reordered = {
      customer: {
        language: 'en',
        mobile: body.customer.mobile,
        name: body.customer.name,
        cpr: body.customer.cpr,
      },
      start: body.start,
      serviceId: body.serviceId,
      centreId: body.centreId,
    };
    const first = await book(t, body, { 'idempotency-key': 'order-1' });
    const again = await book(t, reordered, { 'idempotency-key': 'order-1' });
    expect(again.body).toBe(first.body);
  });

  it('refuses the same key with another body', async () => {
    await book(t, bookingBody(setup, slotAt('10:15', '2026-12-02')), { 'idempotency-key': 'reuse-1' });
    const res = await book(t, bookingBody(setup, slotAt('10:30', '2026-12-02')), {
      'idempotency-key': 'reuse-1',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('replays a refusal too, even once the slot has a seat again', async () => {
    const start = slotAt('10:45', '2026-12-02');
    const a = (await book(t, bookingBody(setup, start))).json();
    await book(t, bookingBody(setup, start));
    const body = bookingBody(setup, start);
    const full = await book(t, body, { 'idempotency-key': 'full-1' });
    expect(full.json().code).toBe('SLOT_FULL');
    await manage(t, a.reference, a.manageToken, '/cancel', { method: 'POST' });
    const again = await book(t, body, { 'idempotency-key': 'full-1' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toBe(full.body);
  });

  it('replays a booking for its key even once its slot is full', async () => {
    const start = slotAt('12:00', '2026-12-02');
    const body = bookingBody(setup, start);
    const first = await book(t, body, { 'idempotency-key': 'full-later-1' });
    await book(t, bookingBody(setup, start));
    // Refused once, the slot is checked before the transaction from then on (the fast refusal).
    expect((await book(t, bookingBody(setup, start))).statusCode).toBe(409);
    expect(await remaining(start)).toBe(0);
    const again = await book(t, body, { 'idempotency-key': 'full-later-1' });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
  });

  it('scopes a key to its route', async () => {
    const b = (
      await book(t, bookingBody(setup, slotAt('11:00', '2026-12-02')), { 'idempotency-key': 'scope-1' })
    ).json();
    const cancel = await manage(t, b.reference, b.manageToken, '/cancel', {
      method: 'POST',
      headers: { 'idempotency-key': 'scope-1' },
    });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().status).toBe('cancelled');
  });

  it('forgets a key after 24 hours', async () => {
    const body = bookingBody(setup, slotAt('11:15', '2026-12-02'));
    await book(t, body, { 'idempotency-key': 'old-1' });
    t.clock.advance(25 * 60);
    try {
      const again = await book(t, body, { 'idempotency-key': 'old-1' });
      // Run afresh, the same person now meets their own booking.
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('PERSON_LIMIT');
    } finally {
      t.clock.advance(-25 * 60);
    }
  });

  it('refuses a key that is not printable ASCII', async () => {
    const res = await book(t, bookingBody(setup, slotAt('11:30', '2026-12-02')), {
      'idempotency-key': 'has space',
    });
    expect(res.statusCode).toBe(400);
  });
});
