import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, bookAt, checkIn, counterAction, createHall, type HallSetup, walkIn } from '../../test/hall';
import { createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';

/**
 * One day at one centre, every figure worked out by hand:
 *   A  booked 09:30, checked in 09:25, called 09:38 (waited 8, on time), served 6 min, rated 5/4/5
 *   B  booked 10:00, checked in 10:05, called 10:20 (waited 15 from 10:05, late), served 10 min, rated 2/3/3
 *   W  walk-in 10:31, called 10:33 (waited 2), served 4 min
 *   W2 walk-in 10:45, still waiting
 *   C  booked 11:00, never came (due, a no-show); D booked 13:00 (not due at 12:00); E cancelled
 */
let t: TestApp;
let hall: HallSetup;
let manager: Session;
let stranger: Session;
const set = (hhmm: string) => t.clock.set(new Date(at(hhmm)));

async function serve(reference: string | null, times: { arrive: string; call: string; finish: string }) {
  set(times.arrive);
  const res = reference
    ? await checkIn(t, hall, { reference }, hall.receptionist)
    : await walkIn(t, hall, { serviceId: hall.service.id }, hall.receptionist);
  const ticket = res.json().ticket ?? res.json();
  set(times.call);
  expect((await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket.id).toBe(
    ticket.id,
  );
  await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/start`);
  set(times.finish);
  expect(
    (await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/finish`)).statusCode,
  ).toBe(200);
}

async function rateLatest(ratings: object) {
  await t.app.jobs.runDueJobs();
  const inbox = (await t.app.inject({ url: '/api/v1/dev/inbox' })).json().items as { text: string }[];
  const token = inbox.map((m) => m.text.match(/\/feedback\/([A-Za-z0-9_-]+)/)?.[1]).find(Boolean);
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/feedback/${token}`, payload: ratings });
  expect(res.statusCode).toBe(201);
}

const kpis = (as: Session, query = `centreId=${hall.centreId}`) =>
  t.app.inject({ url: `/api/v1/dashboard/kpis?from=2026-11-29&to=2026-11-29&${query}`, headers: as.headers });

beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_SESSION_IDLE_MINUTES: '1440' } });
  t.clock.set(TEST_NOW);
  hall = await createHall(t);
  manager = await signIn(
    t,
    (await createStaff(t.db, { role: 'centre_manager', centreIds: [hall.centreId] })).email,
  );
  stranger = await signIn(t, (await createStaff(t.db, { role: 'centre_manager', centreIds: [] })).email);
  await counterAction(t, hall.agent, hall.counter1.id, 'open'); // 09:00
  const a = await bookAt(t, hall, '09:30');
  const b = await bookAt(t, hall, '10:00');
  await bookAt(t, hall, '11:00');
  await bookAt(t, hall, '13:00');
  const e = await bookAt(t, hall, '14:00');
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/bookings/${e.reference}/cancel`,
    headers: { authorization: `Bearer ${e.manageToken}` },
  });
  await serve(a.reference, { arrive: '09:25', call: '09:38', finish: '09:44' });
  await rateLatest({ performance: 5, organisation: 4, quality: 5 });
  await t.db.execute('DELETE FROM dev_inbox');
  await serve(b.reference, { arrive: '10:05', call: '10:20', finish: '10:30' });
  await rateLatest({ performance: 2, organisation: 3, quality: 3 });
  await serve(null, { arrive: '10:31', call: '10:33', finish: '10:37' });
  set('10:45');
  expect((await walkIn(t, hall, { serviceId: hall.service.id }, hall.receptionist)).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('the manager’s dashboard', () => {
  it('shows the hall now: waiting per service, longest wait, counters open, calls in the last hour', async () => {
    set('10:50');
    const res = await t.app.inject({
      url: `/api/v1/dashboard/live?centreId=${hall.centreId}`,
      headers: manager.headers,
    });
    expect(res.statusCode).toBe(200);
    const live = res.json();
    expect(live).toMatchObject({ waiting: 1, longestWaitMinutes: 5, countersOpen: 1, callsLastHour: 2 }); // 10:20, 10:33
    expect(live.services.find((s: { letter: string }) => s.letter === 'P')).toMatchObject({
      waiting: 1,
      longestWaitMinutes: 5,
    });
  });

  it('computes the day’s KPIs with the DESIGN formulas', async () => {
    set('12:00');
    const res = await kpis(manager);
    expect(res.statusCode).toBe(200);
    const k = res.json();
    // 5 booked, 1 cancelled; due A, B, C; checked in A, B → no-show rate 1/3.
    expect(k).toMatchObject({ bookings: 5, cancellations: 1, bookingsDue: 3, noShows: 1, noShowRate: 0.333 });
    // Of appointments A (8 ≤ 10) and B (15 > 10): 1/2.
    expect(k.appointmentCompliance).toBe(0.5);
    // Waits 8, 15, 2 → mean 25/3 = 8.3, median 8, p90 = 3rd of 3 = 15. W2 has not been called.
    expect(k.visits).toBe(4);
    expect(k.waitingMinutes).toEqual({ count: 3, mean: 8.3, median: 8, p90: 15 });
    // Service 6, 10, 4 → mean 20/3 = 6.7, median 6, p90 10.
    expect(k.serviceMinutes).toEqual({ count: 3, mean: 6.7, median: 6, p90: 10 });
    // 20 serving minutes ÷ 180 staffed minutes (09:00–12:00) = 0.111.
    expect(k.utilisation).toBe(0.111);
    // Performance (5+2)/2, organisation (4+3)/2, quality (5+3)/2; CSAT: only A rated all ≥ 4 → 1/2.
    expect(k.satisfaction).toEqual({ count: 2, performance: 3.5, organisation: 3.5, quality: 4, csat: 0.5 });
    expect(k.daily).toEqual([
      { date: '2026-11-29', visits: 4, waitMedian: 8, compliance: 0.5, noShowRate: 0.333 },
    ]);
    expect(k.waitDistribution.filter((b: { visits: number }) => b.visits > 0)).toEqual([
      { fromMinutes: 0, toMinutes: 5, visits: 1 },
      { fromMinutes: 5, toMinutes: 10, visits: 1 },
      { fromMinutes: 15, toMinutes: 20, visits: 1 },
    ]);
    expect(k.waitDistribution).toHaveLength(8); // every bin, empty ones too: 0, 5, 10, 15, 20, 30, 45, 60+
    // 2026-11-29 is a Sunday: A called 09:38 (8); B 10:20 (15) and W 10:33 (2) → median 8.5.
    expect(k.waitHeatMap).toEqual([
      { weekday: 'sun', hour: 9, visits: 1, waitMedian: 8 },
      { weekday: 'sun', hour: 10, visits: 2, waitMedian: 8.5 },
    ]);
    expect(k.waitByHour).toEqual([
      { hour: 9, visits: 1, waitMedian: 8 },
      { hour: 10, visits: 2, waitMedian: 8.5 },
    ]);
    const light = (kpi: string) => k.scorecard.find((s: { kpi: string }) => s.kpi === kpi)?.light;
    expect(light('appointmentCompliance')).toBe('red'); // 0.5 against 0.9
    expect(light('waitMedian')).toBe('green'); // 8 against 15
    expect(light('quality')).toBe('green'); // 4 against 4
    expect(light('performance')).toBe('red'); // 3.5: short by 0.5 > 10 % of 4
  });

  it('lets administrators set targets, and the lights follow', async () => {
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/dashboard/targets',
      headers: manager.headers,
      payload: { targets: { waitMedian: 7.5 } },
    });
    expect(refused.statusCode).toBe(403);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/dashboard/targets',
      headers: hall.admin.headers,
      payload: { targets: { waitMedian: 7.5, performance: 3.6 } },
    });
    expect(saved.statusCode).toBe(200);
    const k = (await kpis(manager)).json();
    const light = (kpi: string) => k.scorecard.find((s: { kpi: string }) => s.kpi === kpi);
    expect(light('waitMedian')).toMatchObject({ target: 7.5, light: 'amber' }); // over by 0.5 ≤ 0.75
    expect(light('performance')).toMatchObject({ target: 3.6, light: 'amber' }); // short by 0.1 ≤ 0.36
  });

  it('filters by counter and service, and keeps managers to their centres', async () => {
    expect(
      (await kpis(manager, `centreId=${hall.centreId}&counterId=${hall.counter2.id}`)).json().visits,
    ).toBe(0);
    expect(
      (await kpis(manager, `centreId=${hall.centreId}&serviceId=${hall.residency.id}`)).json().bookings,
    ).toBe(0);
    expect((await kpis(stranger)).statusCode).toBe(404);
    expect((await kpis(stranger, '')).json().bookings).toBe(0);
    expect((await kpis(hall.admin, '')).json().bookings).toBe(5);
    const anonymous = await t.app.inject({ url: '/api/v1/dashboard/kpis?from=2026-11-29&to=2026-11-29' });
    expect(anonymous.statusCode).toBe(401);
    expect((await kpis(manager, 'centreId=nope')).statusCode).toBe(400);
  });

  it('publishes last month’s figures per centre without a login', async () => {
    t.clock.set(new Date('2026-12-02T06:00:00Z'));
    const res = await t.app.inject({ url: '/api/v1/transparency' });
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.find((c: { centreId: string }) => c.centreId === hall.centreId);
    expect(res.json().month).toBe('2026-11');
    // Satisfaction: the mean of 3.5, 3.5 and 4 = 3.67.
    expect(mine).toMatchObject({
      appointmentCompliance: 0.5,
      waitMedian: 8,
      satisfaction: 3.67,
      visits: 4,
      ratings: 2,
    });
  });
});
