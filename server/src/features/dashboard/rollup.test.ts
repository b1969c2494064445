import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { type BulkHistory, generateBulkHistory } from '../../test/bulk-history';
import { at, bookAt, checkIn, counterAction, createHall, type HallSetup, walkIn } from '../../test/hall';
import { createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';

const kpis = async (t: TestApp, as: Session, query: string) => {
  const res = await t.app.inject({ url: `/api/v1/dashboard/kpis?${query}`, headers: as.headers });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const countRows = async (t: TestApp, table: string) =>
  Number((await queryRows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0]?.n);

describe('the dashboard’s rollup', () => {
  let t: TestApp;
  let admin: Session;
  let data: BulkHistory;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(TEST_NOW); // 29 November: days up to the 27th are over everywhere, the 28th not yet
    data = await generateBulkHistory(t.db, { tickets: 6_000, days: 40, centres: 2, today: '2026-11-29' });
    admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
  });
  afterAll(() => t.close());

  it('answers every period and scope with the figures read from the tickets, percentiles and charts included', async () => {
    const [centreId, otherCentre] = data.centreIds;
    const scopes = [
      '',
      `&centreId=${centreId}`,
      `&serviceId=${data.serviceIds[1]}`,
      `&centreId=${otherCentre}&serviceId=${data.serviceIds[0]}`,
      `&centreId=${centreId}&counterId=${data.counterIds[0]}`,
      `&counterId=${data.counterIds[2]}`,
      `&serviceId=${data.serviceIds[0]}&counterId=${data.counterIds[0]}`,
    ];
    const periods = [
      ['2026-11-19', '2026-11-19'],
      ['2026-11-16', '2026-11-22'],
      [data.from, '2026-11-29'],
      ['2026-10-01', '2026-12-31'],
    ];
    const queries = periods.flatMap(([from, to]) => scopes.map((s) => `from=${from}&to=${to}${s}`));
    const fromTickets = [];
    for (const q of queries) fromTickets.push(await kpis(t, admin, q));

    expect(await t.app.dashboardRollup.build()).toEqual({ days: 2 * 40 - 2 });
    expect(await countRows(t, 'dashboard_visit_days')).toBeGreaterThan(0);
    for (const [i, q] of queries.entries()) {
      const fromRollup = await kpis(t, admin, q);
      expect(fromRollup, q).toEqual(fromTickets[i]);
    }
    expect(fromTickets[0].waitHeatMap.length).toBeGreaterThan(0);
    expect(fromTickets[0].waitingMinutes.p90).not.toBeNull();
    // Built days are not built again until they change.
    expect(await t.app.dashboardRollup.build()).toEqual({ days: 0 });
  });
});

describe('a change to a day already rolled up', () => {
  let t: TestApp;
  let hall: HallSetup;
  let manager: Session;
  const day = `from=2026-11-29&to=2026-11-29`;

  beforeAll(async () => {
    t = await buildTestApp({ env: { MAWAEED_SESSION_IDLE_MINUTES: '1440' } });
    t.clock.set(TEST_NOW);
    hall = await createHall(t);
    const set = (hhmm: string) => t.clock.set(new Date(at(hhmm)));
    await counterAction(t, hall.agent, hall.counter1.id, 'open');
    const booked = await bookAt(t, hall, '09:15');
    set('09:10');
    expect((await checkIn(t, hall, { reference: booked.reference }, hall.receptionist)).statusCode).toBe(201);
    const call = async (hhmm: string) => {
      set(hhmm);
      const ticket = (await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket;
      await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/start`);
      return ticket.id as string;
    };
    // The booked one is served, a walk-in called and still being served, another still waits.
    const served = await call('09:15');
    set('09:23');
    await counterAction(t, hall.agent, hall.counter1.id, `tickets/${served}/finish`);
    for (const hhmm of ['09:25', '09:50']) {
      set(hhmm);
      const res = await walkIn(t, hall, { serviceId: hall.service.id }, hall.receptionist);
      expect(res.statusCode, res.body).toBe(201);
    }
    await call('09:30');
    await t.app.jobs.runDueJobs(); // the first visit's feedback invitation
    // Three days on, 29 November is over everywhere and rolled up.
    t.clock.set(new Date('2026-12-02T06:00:00Z'));
    manager = await signIn(
      t,
      (await createStaff(t.db, { role: 'centre_manager', centreIds: [hall.centreId] })).email,
    );
    expect((await t.app.dashboardRollup.build()).days).toBeGreaterThan(0);
  });
  afterAll(() => t.close());

  it('is in the next answer: a late finish and no-show, then feedback, then the same after rebuilding', async () => {
    const before = await kpis(t, manager, day);
    expect(before.visits).toBe(3);
    expect(before.serviceMinutes).toMatchObject({ count: 1, median: 8 });
    expect(before.satisfaction.count).toBe(0);

    // The end-of-day sweep (late) finishes the one being served and marks the waiting one no-show.
    await t.app.hall.endOfDay.closeDay(hall.centreId, '2026-11-29');
    expect(await countRows(t, 'dashboard_stale_days')).toBe(1);
    const swept = await kpis(t, manager, day);
    expect(swept.serviceMinutes.count).toBe(2);

    const inbox = (await t.app.inject({ url: '/api/v1/dev/inbox' })).json().items as { text: string }[];
    const token = inbox.map((m) => m.text.match(/\/feedback\/([A-Za-z0-9_-]+)/)?.[1]).find(Boolean);
    const rated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${token}`,
      payload: { performance: 5, organisation: 4, quality: 3 },
    });
    expect(rated.statusCode, `${token} ${rated.body}`).toBe(201);
    const withFeedback = await kpis(t, manager, day);
    expect(withFeedback.satisfaction).toMatchObject({ count: 1, performance: 5, csat: 0 });

    expect((await t.app.dashboardRollup.build()).days).toBe(1);
    expect(await countRows(t, 'dashboard_stale_days')).toBe(0);
    expect(await kpis(t, manager, day)).toEqual(withFeedback);
  });
});
