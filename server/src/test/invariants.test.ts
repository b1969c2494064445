import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, manage } from './bookings';
import { createOfferingSetup } from './factories';
import { assertInvariants, checkInvariants } from './invariants';
import { buildTestApp, type TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the invariant checker', () => {
  it('passes after a normal day of booking, moving and cancelling', async () => {
    const setup = await createOfferingSetup(t.db, { offering: { capacity: 2 } });
    const a = (await book(t, bookingBody(setup, '2026-12-01T08:00:00+03:00'))).json();
    await book(t, bookingBody(setup, '2026-12-01T08:00:00+03:00'));
    await book(t, bookingBody(setup, '2026-12-01T08:00:00+03:00'));
    await manage(t, a.reference, a.manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: '2026-12-01T08:15:00+03:00' },
    });
    await manage(t, a.reference, a.manageToken, '/cancel', { method: 'POST' });
    await assertInvariants(t.db);
  });

  /** Breaks the data inside a transaction that is rolled back, and returns what the checker saw. */
  async function brokenBy(statement: ReturnType<typeof sql>) {
    let broken: string[] = [];
    await t.db
      .transaction(async (tx) => {
        await tx.execute(statement);
        broken = (await checkInvariants(tx)).filter((r) => r.violations.length > 0).map((r) => r.name);
        throw new Error('roll back');
      })
      .catch((err: Error) => {
        if (err.message !== 'roll back') throw err;
      });
    return broken;
  }

  it('catches a seat counter that disagrees with the bookings', async () => {
    expect(await brokenBy(sql`UPDATE slot_loads SET booked = booked - 1 WHERE booked > 0`)).toEqual([
      'seats taken equal the bookings holding them',
    ]);
  });

  it('catches a person over the limit', async () => {
    await book(t, bookingBody(await createOfferingSetup(t.db), '2026-12-02T08:00:00+03:00'));
    expect(
      await brokenBy(
        sql`UPDATE bookings SET customer_id = (SELECT min(customer_id::text)::uuid FROM bookings), service_id = (SELECT min(service_id::text)::uuid FROM bookings)`,
      ),
    ).toContain('no person over their limit for a service');
  });

  it('catches an illegal transition in the history', async () => {
    expect(
      await brokenBy(sql`INSERT INTO booking_history (booking_id, event, from_status, to_status, starts_at, actor, at)
        SELECT id, 'serve', 'cancelled', 'served', starts_at, 'test', now() FROM bookings LIMIT 1`),
    ).toContain('only legal transitions in the booking history');
    await assertInvariants(t.db);
  });
});
