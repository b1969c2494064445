import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { at, bookAt, checkIn, counterAction, createHall, type HallSetup, walkIn } from '../../test/hall';
import { assertInvariants } from '../../test/invariants';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let hall: HallSetup;
beforeAll(async () => {
  // Saturday 28 November, 23:00 in Bahrain: the daily jobs run at 03:00 on Sunday.
  t = await buildTestApp({ now: '2026-11-28T20:00:00Z', env: { MAWAEED_SESSION_IDLE_MINUTES: '1440' } });
  hall = await createHall(t);
});
afterAll(() => t.close());

const statuses = (table: 'tickets' | 'bookings') =>
  queryRows<{ status: string; n: number }>(
    t.db,
    sql`SELECT status, count(*)::int AS n FROM ${sql.raw(table)} WHERE centre_id = ${hall.centreId} GROUP BY 1 ORDER BY 1`,
  );

describe('the end of a centre’s day', () => {
  it('is queued each night for closing time, and closes what the day left open', async () => {
    await t.app.jobs.scheduleDailyJobs();
    t.clock.set(at('03:00'));
    await t.app.jobs.runDueJobs();
    const queued = await queryRows<{ run_at: Date }>(
      t.db,
      sql`SELECT run_at FROM jobs WHERE kind = 'hall.close-day' AND payload->>'centreId' = ${hall.centreId}`,
    );
    // Sunday hours end at 14:15; the day closes half an hour later.
    expect(queued.map((j) => new Date(j.run_at).toISOString())).toEqual([
      new Date(at('14:45')).toISOString(),
    ]);

    t.clock.set(at('08:00'));
    const absent = await bookAt(t, hall, '09:00');
    const served = await bookAt(t, hall, '09:15');
    const gone = await bookAt(t, hall, '09:30');
    t.clock.set(at('09:10'));
    for (const b of [served, gone]) await checkIn(t, hall, { reference: b.reference }, hall.receptionist);
    await walkIn(t, hall, { serviceId: hall.service.id }, hall.kiosk);
    await counterAction(t, hall.agent, hall.counter1.id, 'open');
    const first = (await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket;
    await counterAction(t, hall.agent, hall.counter1.id, `tickets/${first.id}/start`);

    t.clock.set(at('14:30'));
    await t.app.jobs.runDueJobs();
    expect(await statuses('tickets')).toEqual([
      { status: 'serving', n: 1 },
      { status: 'waiting', n: 2 },
    ]);
    t.clock.set(at('14:46'));
    await t.app.jobs.runDueJobs();
    // The one being served is finished; the two still waiting did not come.
    expect(await statuses('tickets')).toEqual([
      { status: 'no_show', n: 2 },
      { status: 'served', n: 1 },
    ]);
    expect(await statuses('bookings')).toEqual([
      { status: 'no_show', n: 2 },
      { status: 'served', n: 1 },
    ]);
    const manage = await t.app.inject({
      url: `/api/v1/bookings/${absent.reference}`,
      headers: { authorization: `Bearer ${absent.manageToken}` },
    });
    expect(manage.json().status).toBe('no_show');
    const open = await queryRows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM counter_sessions WHERE centre_id = ${hall.centreId} AND closed_at IS NULL`,
    );
    expect(open).toEqual([{ n: 0 }]);
    await assertInvariants(t.db);
  });

  it('changes nothing when it runs again', async () => {
    const before = await queryRows(t.db, sql`SELECT count(*)::int AS n FROM ticket_history`);
    const { closeDay } = t.app.hall.endOfDay;
    expect(await closeDay(hall.centreId, '2026-11-29')).toEqual({ tickets: 0, bookings: 0, sessions: 0 });
    expect(await queryRows(t.db, sql`SELECT count(*)::int AS n FROM ticket_history`)).toEqual(before);
  });
});
