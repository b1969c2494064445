import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, manage } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { assertInvariants } from '../../test/invariants';
import { asStaff, createStaff, signIn } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';
import { inbox, join, joinBody, offerToken, withToken } from '../../test/waitlist';

let t: TestApp;

// Now is Sunday 29 Nov 2026 09:00 Bahrain; Tuesday 1 December is open from 07:00.
const slotAt = (time: string, date = '2026-12-01') => `${date}T${time}:00+03:00`;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await assertInvariants(t.db);
  await t.close();
});

/** A centre whose service has one seat per slot, and that seat at `start` booked. */
async function fullSlot(start = slotAt('08:30')) {
  const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 1 } });
  const booked = await book(t, bookingBody(setup, start, { mobile: '36009999' }));
  expect(booked.statusCode).toBe(201);
  return { setup, booking: booked.json() as { reference: string; manageToken: string }, start };
}

async function remaining(setup: { centre: { id: string }; service: { id: string } }, start: string) {
  const date = start.slice(0, 10);
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/centres/${setup.centre.id}/availability?service=${setup.service.id}&from=${date}&to=${date}`,
  });
  return res.json().days[0].slots.find((x: { start: string }) => x.start === start)?.remaining;
}

const cancel = (b: { reference: string; manageToken: string }) =>
  manage(t, b.reference, b.manageToken, '/cancel', { method: 'POST', payload: {} });

describe('joining the waitlist', () => {
  it('answers 201 with the entry, its place in line and a token, never the CPR or the mobile', async () => {
    const { setup } = await fullSlot();
    const res = await join(t, joinBody(setup, { customer: { cpr: '900101234' } }));
    expect(res.statusCode).toBe(201);
    const json = res.json();
    expect(json).toMatchObject({
      status: 'waiting',
      position: 1,
      serviceId: setup.service.id,
      centreIds: [setup.centre.id],
      from: '2026-12-01',
      to: '2026-12-03',
      timesOfDay: ['morning'],
      customer: { mobileMasked: '+973 •••• ••00' },
      offer: null,
    });
    expect(json.manageToken).toEqual(expect.any(String));
    expect(res.body).not.toContain('900101234');
    expect(res.body).not.toContain('33001100');
  });

  it('sends the entry’s link, which opens it; a wrong token is 404', async () => {
    const { setup } = await fullSlot();
    const res = await join(t, joinBody(setup, { customer: { mobile: '33004455' } }));
    const message = (await inbox(t)).find(
      (m) => m.to.endsWith('55') && m.text.includes('/waitlist/entry#token='),
    );
    expect(message?.text).toContain(res.json().manageToken);
    const seen = await withToken(t, 'GET', 'entry', res.json().manageToken);
    expect(seen.json()).toMatchObject({ id: res.json().id, status: 'waiting' });
    expect((await withToken(t, 'GET', 'entry', 'wrong')).json()).toMatchObject({
      code: 'WAITLIST_NOT_FOUND',
    });
    expect((await withToken(t, 'GET', 'entry', undefined)).statusCode).toBe(404);
  });

  it('refuses a second active entry of the same person for the same service, until they leave', async () => {
    const { setup } = await fullSlot();
    const body = joinBody(setup);
    const first = await join(t, body);
    expect(first.statusCode).toBe(201);
    const again = await join(t, { ...body, to: '2026-12-05' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'WAITLIST_ALREADY_JOINED' });
    const left = await withToken(t, 'POST', 'entry/leave', first.json().manageToken);
    expect(left.json()).toMatchObject({ status: 'left', position: null });
    expect((await withToken(t, 'POST', 'entry/leave', first.json().manageToken)).statusCode).toBe(200);
    expect((await join(t, body)).statusCode).toBe(201);
  });

  it('lets a person join again once their earlier entry’s dates have passed', async () => {
    const { setup } = await fullSlot();
    const body = joinBody(setup, { from: '2026-11-29', to: '2026-11-30' });
    expect((await join(t, body)).statusCode).toBe(201);
    t.clock.set('2026-12-01T06:00:00Z');
    const again = await join(t, { ...body, from: '2026-12-02', to: '2026-12-03' });
    t.clock.set(TEST_NOW);
    expect(again.statusCode).toBe(201);
  });

  it('lines people up in joining order', async () => {
    const { setup } = await fullSlot();
    await join(t, joinBody(setup));
    const second = await join(t, joinBody(setup));
    expect(second.json().position).toBe(2);
  });

  it('refuses a range that ends before it starts, spans more than 62 days or is already over, and an unknown offering', async () => {
    const { setup } = await fullSlot();
    expect((await join(t, joinBody(setup, { from: '2026-12-05', to: '2026-12-01' }))).statusCode).toBe(400);
    expect((await join(t, joinBody(setup, { from: '2026-12-01', to: '2027-02-15' }))).statusCode).toBe(400);
    expect((await join(t, joinBody(setup, { timesOfDay: [] }))).statusCode).toBe(400);
    const over = await join(t, joinBody(setup, { from: '2026-11-20', to: '2026-11-28' }));
    expect(over.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'to' }] });
    const other = await createOfferingSetup(t.db);
    expect((await join(t, joinBody({ centre: other.centre, service: setup.service }))).statusCode).toBe(404);
  });
});

describe('a freed seat goes to the first in line', () => {
  it('holds a cancelled seat for the entry, messages the offer, and accepting books it', async () => {
    const { setup, booking, start } = await fullSlot();
    const entry = (await join(t, joinBody(setup, { customer: { mobile: '33007711' } }))).json();
    expect((await cancel(booking)).statusCode).toBe(200);
    // Held: nobody else sees or takes the seat.
    expect(await remaining(setup, start)).toBe(0);
    expect((await book(t, bookingBody(setup, start))).json()).toMatchObject({ code: 'SLOT_FULL' });

    const token = await offerToken(t, '11');
    expect(token).toBeDefined();
    const offer = (await withToken(t, 'GET', 'offer', token)).json();
    expect(offer).toMatchObject({
      status: 'offered',
      start,
      centreId: setup.centre.id,
      secondsLeft: 30 * 60,
    });
    expect((await withToken(t, 'GET', 'entry', entry.manageToken)).json()).toMatchObject({
      status: 'offered',
      offer: { id: offer.id },
    });

    const accepted = await withToken(t, 'POST', 'offer/accept', token);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({
      status: 'confirmed',
      start,
      customer: { mobileMasked: '+973 •••• ••11' },
    });
    const { reference, manageToken } = accepted.json();
    expect((await manage(t, reference, manageToken)).json()).toMatchObject({ status: 'confirmed', start });
    expect((await withToken(t, 'GET', 'entry', entry.manageToken)).json()).toMatchObject({
      status: 'booked',
      bookingReference: reference,
    });
    // The confirmation goes out like any booking's.
    expect((await inbox(t)).some((m) => m.to.endsWith('11') && m.text.includes('/manage/'))).toBe(true);
    expect((await withToken(t, 'POST', 'offer/accept', token)).json()).toMatchObject({
      code: 'OFFER_NOT_AVAILABLE',
    });
    expect(await remaining(setup, start)).toBe(0);
  });

  it('offers the seat of a rescheduled booking too', async () => {
    const { setup, booking, start } = await fullSlot();
    await join(t, joinBody(setup, { customer: { mobile: '33007722' } }));
    const moved = await manage(t, booking.reference, booking.manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: slotAt('10:00') },
    });
    expect(moved.statusCode).toBe(200);
    expect(await remaining(setup, start)).toBe(0);
    expect(await offerToken(t, '22')).toBeDefined();
  });

  it('passes over entries that do not match the seat (another part of the day, another range)', async () => {
    const { setup, booking } = await fullSlot();
    await join(t, joinBody(setup, { timesOfDay: ['afternoon'], customer: { mobile: '33008881' } }));
    await join(t, joinBody(setup, { from: '2026-12-02', customer: { mobile: '33008882' } }));
    await join(t, joinBody(setup, { customer: { mobile: '33008883' } }));
    await cancel(booking);
    expect(await offerToken(t, '81')).toBeUndefined();
    expect(await offerToken(t, '82')).toBeUndefined();
    expect(await offerToken(t, '83')).toBeDefined();
  });

  it('accepting with an Idempotency-Key twice gives the same booking once', async () => {
    const { setup, booking } = await fullSlot();
    await join(t, joinBody(setup, { customer: { mobile: '33007733' } }));
    await cancel(booking);
    const token = await offerToken(t, '33');
    const first = await withToken(t, 'POST', 'offer/accept', token, { 'idempotency-key': 'accept-1' });
    const again = await withToken(t, 'POST', 'offer/accept', token, { 'idempotency-key': 'accept-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().reference).toBe(first.json().reference);
  });

  it('holds the person to the service’s limit: a person already booked cannot accept, the offer stands', async () => {
    const { setup, booking } = await fullSlot();
    const cpr = '900202345';
    await join(t, joinBody(setup, { customer: { cpr, mobile: '33007744' } }));
    // They found a seat another way meanwhile.
    expect((await book(t, bookingBody(setup, slotAt('11:00'), { cpr }))).statusCode).toBe(201);
    await cancel(booking);
    const token = await offerToken(t, '44');
    const refused = await withToken(t, 'POST', 'offer/accept', token);
    expect(refused.json()).toMatchObject({ code: 'PERSON_LIMIT', status: 409 });
    expect((await withToken(t, 'GET', 'offer', token)).json()).toMatchObject({ status: 'offered' });
  });
});

describe('an offer nobody takes passes on', () => {
  it('lapses after 30 minutes and goes to the next in line; the first keeps their place', async () => {
    const { setup, booking } = await fullSlot();
    const first = (await join(t, joinBody(setup, { customer: { mobile: '33006661' } }))).json();
    await join(t, joinBody(setup, { customer: { mobile: '33006662' } }));
    await cancel(booking);
    const firstToken = await offerToken(t, '61');
    t.clock.advance(29);
    await t.app.jobs.runDueJobs();
    expect((await withToken(t, 'GET', 'offer', firstToken)).json()).toMatchObject({ status: 'offered' });
    t.clock.advance(1);
    await t.app.jobs.runDueJobs();
    expect((await withToken(t, 'GET', 'offer', firstToken)).json()).toMatchObject({
      status: 'expired',
      secondsLeft: 0,
    });
    expect((await withToken(t, 'POST', 'offer/accept', firstToken)).json()).toMatchObject({
      code: 'OFFER_NOT_AVAILABLE',
    });
    expect((await withToken(t, 'GET', 'entry', first.manageToken)).json()).toMatchObject({
      status: 'waiting',
      position: 1,
    });
    const second = await offerToken(t, '62');
    expect((await withToken(t, 'POST', 'offer/accept', second)).statusCode).toBe(201);
    t.clock.set(TEST_NOW);
  });

  it('declined, it goes to the next; with nobody left it is public again at once (delay off)', async () => {
    const { setup, booking, start } = await fullSlot();
    await join(t, joinBody(setup, { customer: { mobile: '33005551' } }));
    await join(t, joinBody(setup, { customer: { mobile: '33005552' } }));
    await cancel(booking);
    const declined = await withToken(t, 'POST', 'offer/decline', await offerToken(t, '51'));
    expect(declined.json()).toMatchObject({ status: 'declined' });
    expect(await remaining(setup, start)).toBe(0);
    const second = await offerToken(t, '52');
    expect((await withToken(t, 'POST', 'offer/decline', second)).statusCode).toBe(200);
    expect((await withToken(t, 'POST', 'offer/decline', second)).json()).toMatchObject({
      status: 'declined',
    });
    expect(await remaining(setup, start)).toBe(1);
  });

  it('leaving with a standing offer passes the seat on', async () => {
    const { setup, booking } = await fullSlot();
    const first = (await join(t, joinBody(setup, { customer: { mobile: '33004441' } }))).json();
    await join(t, joinBody(setup, { customer: { mobile: '33004442' } }));
    await cancel(booking);
    expect(await offerToken(t, '41')).toBeDefined();
    expect((await withToken(t, 'POST', 'entry/leave', first.manageToken)).json()).toMatchObject({
      status: 'left',
    });
    expect(await offerToken(t, '42')).toBeDefined();
  });

  it('a slot soon gets a shorter offer: half the time left before booking closes', async () => {
    // 11:00 today; the service's lead is 60 minutes, so booking closes at 10:00, an hour from now.
    const start = slotAt('11:00', '2026-11-29');
    const { setup, booking } = await fullSlot(start);
    await join(t, joinBody(setup, { from: '2026-11-29', customer: { mobile: '33003331' } }));
    await cancel(booking);
    const offer = (await withToken(t, 'GET', 'offer', await offerToken(t, '31'))).json();
    expect(offer.secondsLeft).toBe(30 * 60);
    // Lead time 60 min; a slot at 10:30 closes for booking at 09:30: 15 minutes to accept.
    const soon = slotAt('10:30', '2026-11-29');
    const next = await fullSlot(soon);
    await join(t, joinBody(next.setup, { from: '2026-11-29', customer: { mobile: '33003332' } }));
    await cancel(next.booking);
    expect((await withToken(t, 'GET', 'offer', await offerToken(t, '32'))).json().secondsLeft).toBe(15 * 60);
  });
});

/** An administrator changes the offering's capacity (every slot of the day). */
async function setCapacity(setup: { centre: { id: string }; service: { id: string } }, capacity: number) {
  const admin = await createStaff(t.db, { role: 'administrator' });
  const session = await signIn(t, admin.email);
  const url = `/api/v1/admin/centres/${setup.centre.id}/offerings/${setup.service.id}`;
  return { res: await asStaff(t, session, 'PUT', url, { slotMinutes: 15, capacity }), session };
}

describe('staff changes that open seats', () => {
  it('adding capacity offers the new seat to the first in line', async () => {
    const { setup, start } = await fullSlot();
    await join(t, joinBody(setup, { customer: { mobile: '33002271' } }));
    const { res, session } = await setCapacity(setup, 2);
    expect(res.statusCode).toBe(200);
    const token = await offerToken(t, '71');
    expect(token).toBeDefined();
    // The earliest matching seat: 07:00 on the first day of the range.
    expect((await withToken(t, 'GET', 'offer', token)).json().start).toBe(slotAt('07:00'));
    expect(await remaining(setup, start)).toBe(1);
    expect(await remaining(setup, slotAt('07:00'))).toBe(1);

    const summary = await asStaff(t, session, 'GET', `/api/v1/admin/waitlist?serviceId=${setup.service.id}`);
    expect(summary.json().items).toEqual([
      {
        serviceId: setup.service.id,
        waiting: 0,
        offered: 1,
        filledFromWaitlist: 0,
        medianMinutesToRebook: null,
      },
    ]);
  });

  it('cutting capacity withdraws the offer first; the entry waits again', async () => {
    const { setup, booking } = await fullSlot();
    const entry = (await join(t, joinBody(setup, { customer: { mobile: '33002272' } }))).json();
    await cancel(booking);
    const token = await offerToken(t, '72');
    const { res } = await setCapacity(setup, 0);
    expect(res.statusCode).toBe(200);
    expect((await withToken(t, 'GET', 'offer', token)).json()).toMatchObject({ status: 'withdrawn' });
    expect((await withToken(t, 'GET', 'entry', entry.manageToken)).json()).toMatchObject({
      status: 'waiting',
    });
  });

  it('lists offers with their outcome and counts seats refilled from the waitlist', async () => {
    const { setup, booking } = await fullSlot();
    await join(t, joinBody(setup, { customer: { mobile: '33002273' } }));
    await cancel(booking);
    t.clock.advance(4);
    expect((await withToken(t, 'POST', 'offer/accept', await offerToken(t, '73'))).statusCode).toBe(201);
    t.clock.set(TEST_NOW);
    const admin = await createStaff(t.db, { role: 'administrator' });
    const session = await signIn(t, admin.email);
    const offers = await asStaff(
      t,
      session,
      'GET',
      `/api/v1/admin/waitlist/offers?serviceId=${setup.service.id}`,
    );
    expect(offers.json().items).toMatchObject([{ status: 'accepted', mobileMasked: '+973 •••• ••73' }]);
    expect(offers.body).not.toContain('33002273');
    const summary = await asStaff(t, session, 'GET', `/api/v1/admin/waitlist?serviceId=${setup.service.id}`);
    expect(summary.json().items[0]).toMatchObject({ filledFromWaitlist: 1, medianMinutesToRebook: 4 });
  });
});
