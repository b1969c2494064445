import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfferingSetup } from '../../test/factories';
import { at, bookAt, checkIn, createHall, type HallSetup, walkIn } from '../../test/hall';
import { asStaff, createStaff, signIn } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';

let t: TestApp;
let hall: HallSetup;
beforeAll(async () => {
  // Sessions outlive the clock moves of these tests (an idle half hour would sign staff out).
  t = await buildTestApp({ env: { MAWAEED_SESSION_IDLE_MINUTES: '720' } });
  hall = await createHall(t, { walkInDailyCapacity: 3 });
});
afterAll(() => t.close());

describe('checking a booking in', () => {
  it('issues a numbered ticket with the people ahead and a live link', async () => {
    const booking = await bookAt(t, hall, '09:15');
    const res = await checkIn(t, hall, { reference: booking.reference.toLowerCase() }, hall.receptionist);
    expect(res.statusCode).toBe(201);
    const { ticket, alreadyCheckedIn } = res.json();
    expect(alreadyCheckedIn).toBe(false);
    expect(ticket).toMatchObject({
      number: 'P-001',
      serviceId: hall.service.id,
      kind: 'appointment',
      status: 'waiting',
      issuedAt: '2026-11-29T09:00:00+03:00',
      appointmentStart: '2026-11-29T09:15:00+03:00',
      peopleAhead: 0,
      estimatedWaitMinutes: null, // no counter open yet: nobody can promise a time
    });
    expect(ticket.liveToken).toMatch(/^[\w-]{22}$/);
    expect(ticket.liveUrl).toContain(`/ticket/${ticket.liveToken}`);
    const manage = await t.app.inject({
      url: `/api/v1/bookings/${booking.reference}`,
      headers: { authorization: `Bearer ${booking.manageToken}` },
    });
    expect(manage.json().status).toBe('checked_in');
  });

  it('gives the same ticket when the same booking checks in twice, and says so', async () => {
    const booking = await bookAt(t, hall, '09:15');
    const first = await checkIn(t, hall, { reference: booking.reference }, hall.kiosk);
    const again = await checkIn(t, hall, { cpr: booking.cpr }, hall.receptionist);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().alreadyCheckedIn).toBe(true);
    expect(again.json().ticket.number).toBe(first.json().ticket.number);
  });

  it('finds today’s booking by CPR sent in the body', async () => {
    const booking = await bookAt(t, hall, '09:30');
    const res = await checkIn(t, hall, { cpr: booking.cpr, priority: 'senior' }, hall.receptionist);
    expect(res.statusCode).toBe(201);
    expect(res.json().ticket.priority).toBe('senior');
  });

  it('refuses too early with the window in both languages, and too late offering a walk-in', async () => {
    const later = await bookAt(t, hall, '10:00');
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/centres/${hall.centreId}/check-ins`,
      headers: { ...hall.kiosk, 'accept-language': 'ar' },
      payload: { reference: later.reference },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'CHECK_IN_TOO_EARLY',
      window: { opensAt: at('09:30'), closesAt: at('10:15') },
      walkInAvailable: false,
    });
    expect(early.json().detail).toContain('09:30');
    expect(early.json().detail).toMatch(/[\u0600-\u06FF]/);

    const earlier = await bookAt(t, hall, '09:15');
    t.clock.set(at('09:31'));
    try {
      const late = await checkIn(t, hall, { reference: earlier.reference }, hall.receptionist);
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ code: 'CHECK_IN_TOO_LATE', walkInAvailable: true });
      expect(late.json().detail).toContain('09:30');
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('knows no booking of another centre, nor a cancelled one', async () => {
    const other = await createOfferingSetup(t.db, { service: { minLeadMinutes: 0 } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: {
        centreId: other.centre.id,
        serviceId: other.service.id,
        start: at('09:15'),
        customer: { cpr: '870101234', name: 'Ali', mobile: '36001234', language: 'en' },
      },
    });
    const elsewhere = await checkIn(t, hall, { reference: res.json().reference }, hall.receptionist);
    expect(elsewhere.statusCode).toBe(404);
    const booking = await bookAt(t, hall, '09:15');
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${booking.reference}/cancel`,
      headers: { authorization: `Bearer ${booking.manageToken}` },
    });
    expect((await checkIn(t, hall, { reference: booking.reference }, hall.receptionist)).statusCode).toBe(
      404,
    );
    expect((await checkIn(t, hall, { cpr: '999999999' }, hall.receptionist)).statusCode).toBe(404);
  });

  it('takes exactly one of reference and CPR', async () => {
    expect((await checkIn(t, hall, {}, hall.receptionist)).statusCode).toBe(400);
    const both = await checkIn(t, hall, { reference: 'ABCD-EFGH', cpr: '870101234' }, hall.receptionist);
    expect(both.statusCode).toBe(400);
  });
});

describe('walk-ins', () => {
  it('numbers walk-ins after the appointments of the day and stops at the day’s capacity', async () => {
    const walkIns = await createHall(t, { walkInDailyCapacity: 2 });
    const issued = [];
    try {
      for (let i = 0; i < 3; i++) {
        issued.push(await walkIn(t, walkIns, { serviceId: walkIns.service.id }, walkIns.kiosk));
        t.clock.advance(1);
      }
    } finally {
      t.clock.set(TEST_NOW);
    }
    expect(issued.map((r) => r.statusCode)).toEqual([201, 201, 409]);
    expect(issued.map((r) => r.json().number ?? r.json().code)).toEqual([
      'P-001',
      'P-002',
      'WALK_IN_CAPACITY_REACHED',
    ]);
    expect(issued[1]?.json()).toMatchObject({ kind: 'walk_in', peopleAhead: 1, priority: null });
  });

  it('issues one ticket for a walk-in retried with the same Idempotency-Key', async () => {
    const keyed = await createHall(t);
    const send = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/centres/${keyed.centreId}/walk-ins`,
        headers: { ...keyed.receptionist.headers, 'idempotency-key': 'desk-1-press-42' },
        payload,
      });
    const first = await send({ serviceId: keyed.service.id });
    const retry = await send({ serviceId: keyed.service.id });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    const next = await walkIn(t, keyed, { serviceId: keyed.service.id }, keyed.kiosk);
    expect(next.json().number).toBe('P-002');
    const changed = await send({ serviceId: keyed.service.id, priority: 'senior' });
    expect(changed.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('takes the day’s walk-in capacity and the check-in window from the admin API', async () => {
    const set = await createHall(t);
    const put = await asStaff(
      t,
      set.admin,
      'PUT',
      `/api/v1/admin/centres/${set.centreId}/offerings/${set.service.id}`,
      {
        slotMinutes: 15,
        capacity: 50,
        walkInDailyCapacity: 0,
      },
    );
    expect(put.json().walkInDailyCapacity).toBe(0);
    const none = await walkIn(t, set, { serviceId: set.service.id }, set.kiosk);
    expect(none.json().code).toBe('WALK_IN_CAPACITY_REACHED');
    const patched = await asStaff(t, set.admin, 'PATCH', `/api/v1/admin/services/${set.service.id}`, {
      checkInEarlyMinutes: 10,
    });
    expect(patched.json()).toMatchObject({ checkInEarlyMinutes: 10, checkInLateMinutes: 15 });
    const booking = await bookAt(t, set, '09:15');
    const early = await checkIn(t, set, { reference: booking.reference }, set.kiosk);
    expect(early.json()).toMatchObject({ code: 'CHECK_IN_TOO_EARLY', window: { opensAt: at('09:05') } });
  });

  it('refuses a service that takes no walk-ins, and outside the centre’s hours', async () => {
    const refused = await walkIn(t, hall, { serviceId: hall.residency.id }, hall.receptionist);
    expect(refused.json().code).toBe('WALK_INS_NOT_ACCEPTED');
    t.clock.set(at('14:20'));
    try {
      const closed = await walkIn(t, hall, { serviceId: hall.service.id }, hall.receptionist);
      expect(closed.statusCode).toBe(409);
      expect(closed.json().code).toBe('HALL_CLOSED');
    } finally {
      t.clock.set(TEST_NOW);
    }
  });
});

describe('who may issue tickets', () => {
  it('lets the receptionist and kiosk of the centre, not a board, an agent or another centre', async () => {
    const payload = { serviceId: hall.service.id };
    expect((await walkIn(t, hall, payload, hall.board)).statusCode).toBe(403);
    expect((await walkIn(t, hall, payload, hall.agent)).statusCode).toBe(403);
    expect((await walkIn(t, hall, payload, {})).statusCode).toBe(401);
    const other = await createHall(t);
    expect((await walkIn(t, hall, payload, other.receptionist)).statusCode).toBe(404);
    expect((await walkIn(t, hall, payload, other.kiosk)).statusCode).toBe(404);
    const booking = await bookAt(t, hall, '09:15');
    expect((await checkIn(t, hall, { reference: booking.reference }, hall.board)).statusCode).toBe(403);
    expect((await checkIn(t, hall, { reference: booking.reference }, other.receptionist)).statusCode).toBe(
      404,
    );
  });

  it('keeps priority categories to staff: a kiosk may not set one', async () => {
    const res = await walkIn(t, hall, { serviceId: hall.service.id, priority: 'pregnancy' }, hall.kiosk);
    expect(res.statusCode).toBe(403);
    const desk = await walkIn(
      t,
      hall,
      { serviceId: hall.service.id, priority: 'pregnancy' },
      hall.receptionist,
    );
    expect(desk.json().priority).toBe('pregnancy');
  });

  it('a centre manager of the centre may issue too', async () => {
    const manager = await signIn(
      t,
      (await createStaff(t.db, { role: 'centre_manager', centreIds: [hall.centreId] })).email,
    );
    const res = await asStaff(t, manager, 'POST', `/api/v1/centres/${hall.centreId}/walk-ins`, {
      serviceId: hall.service.id,
    });
    expect(res.statusCode).toBe(201);
  });
});
