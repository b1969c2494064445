import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, manage } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { asStaff, createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';
import { join, joinBody, offerToken, withToken } from '../../test/waitlist';

/**
 * Issue 11 on the dashboard: at one centre whose only seat at 08:30 on 1 December is booked, two
 * people wait for it. The booking is cancelled on Sunday 29 November (the test clock's day) and the
 * first accepts the offer 4 minutes later; the seat is freed again and the second accepts 10
 * minutes after that second freeing. Filled 2, minutes 4 and 10 → median 7.
 */
let t: TestApp;
let admin: Session;
let centreId: string;

const kpis = (from: string, to: string, query = `centreId=${centreId}`) =>
  asStaff(t, admin, 'GET', `/api/v1/dashboard/kpis?from=${from}&to=${to}&${query}`);

async function cancel(b: { reference: string; manageToken: string }) {
  const res = await manage(t, b.reference, b.manageToken, '/cancel', { method: 'POST', payload: {} });
  expect(res.statusCode).toBe(200);
}

async function accept(tail: string) {
  const res = await withToken(t, 'POST', 'offer/accept', await offerToken(t, tail));
  expect(res.statusCode).toBe(201);
  return res.json() as { reference: string; manageToken: string };
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(TEST_NOW);
  admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
  const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 1 } });
  centreId = setup.centre.id;
  const first = await book(t, bookingBody(setup, '2026-12-01T08:30:00+03:00', { mobile: '36009999' }));
  expect(first.statusCode).toBe(201);
  await join(t, joinBody(setup, { customer: { mobile: '33002271' } }));
  await join(t, joinBody(setup, { customer: { mobile: '33002272' } }));
  await cancel(first.json());
  t.clock.advance(4);
  const rebooked = await accept('71');
  await cancel(rebooked);
  t.clock.advance(10);
  await accept('72');
});
afterAll(() => t.close());

describe('waitlist figures on the dashboard', () => {
  it('counts seats refilled from the waitlist in the period and the median minutes to re-booking', async () => {
    const res = await kpis('2026-11-29', '2026-11-29');
    expect(res.statusCode).toBe(200);
    expect(res.json().waitlist).toEqual({ filled: 2, medianMinutesToRebook: 7 });
  });

  it('leaves out refills outside the period, the centre or the service', async () => {
    expect((await kpis('2026-11-30', '2026-12-31')).json().waitlist).toEqual({
      filled: 0,
      medianMinutesToRebook: null,
    });
    const other = await createOfferingSetup(t.db, {});
    expect(
      (await kpis('2026-11-29', '2026-11-29', `centreId=${other.centre.id}`)).json().waitlist.filled,
    ).toBe(0);
    expect(
      (await kpis('2026-11-29', '2026-11-29', `centreId=${centreId}&serviceId=${other.service.id}`)).json()
        .waitlist.filled,
    ).toBe(0);
  });
});
