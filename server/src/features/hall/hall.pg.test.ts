import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { tickets } from '../../db/schema-hall';
import { at, bookAt, checkIn, counterAction, createHall, type HallSetup, walkIn } from '../../test/hall';
import { assertInvariants } from '../../test/invariants';
import { openEvents } from '../../test/sse';
import { asStaff, createStaff, signIn } from '../../test/staff';
import { buildTestApp, openPeerInstance, TEST_NOW, type TestApp } from '../../test/test-app';

let t: TestApp;
let hall: HallSetup;
beforeAll(async () => {
  t = await buildTestApp({ poolSize: 20, env: { MAWAEED_SESSION_IDLE_MINUTES: '720' } });
  hall = await createHall(t);
});
afterAll(() => t.close());

describe('call next from many counters at once (PostgreSQL)', () => {
  it('10 counters over 500 tickets: every ticket called exactly once, never two at a counter', async () => {
    const { centreId } = hall;
    const desks = [];
    for (let n = 11; n <= 20; n++) {
      const counter = await asStaff(t, hall.admin, 'POST', `/api/v1/admin/centres/${centreId}/counters`, {
        number: n,
        name: { en: `Counter ${n}`, ar: `الشباك ${n}` },
        serviceIds: [hall.service.id],
      });
      const agent = await signIn(
        t,
        (await createStaff(t.db, { role: 'counter_agent', centreIds: [centreId] })).email,
      );
      expect((await counterAction(t, agent, counter.json().id, 'open')).statusCode).toBe(200);
      desks.push({ counterId: counter.json().id as string, agent });
    }
    await t.db.insert(tickets).values(
      Array.from({ length: 500 }, (_, i) => ({
        centreId,
        serviceId: hall.service.id,
        day: '2026-11-29',
        letter: 'P',
        sequence: 1000 + i,
        number: `P-${1000 + i}`,
        kind: 'walk_in' as const,
        status: 'waiting' as const,
        issuedAt: new Date(Date.parse(TEST_NOW) - (500 - i) * 1000),
        queuedAt: new Date(Date.parse(TEST_NOW) - (500 - i) * 1000),
      })),
    );
    const calls: { counterId: string; ticketId: string }[] = [];
    await Promise.all(
      desks.map(async ({ counterId, agent }) => {
        for (;;) {
          const res = await counterAction(t, agent, counterId, 'call-next');
          expect(res.statusCode, res.body).toBe(200);
          const ticket = res.json().ticket;
          if (!ticket) return;
          calls.push({ counterId, ticketId: ticket.id });
          const done = await counterAction(t, agent, counterId, `tickets/${ticket.id}/no-show`);
          expect(done.statusCode, done.body).toBe(200);
        }
      }),
    );
    expect(calls).toHaveLength(500);
    expect(new Set(calls.map((c) => c.ticketId)).size).toBe(500);
    expect(new Set(calls.map((c) => c.counterId)).size).toBeGreaterThan(1);
    const history = await queryRows<{ calls: number; n: number }>(
      t.db,
      sql`SELECT calls, count(*)::int AS n FROM (
            SELECT ticket_id, count(*) FILTER (WHERE event = 'call')::int AS calls FROM ticket_history
             WHERE centre_id = ${centreId} GROUP BY ticket_id) x GROUP BY calls`,
    );
    expect(history).toEqual([{ calls: 1, n: 500 }]);
  });

  it('numbers 200 walk-ins at opening, issued 20 at a time, without a repeat or a gap', async () => {
    const fresh = await createHall(t);
    // Waves as wide as the pool: every request of a wave contends for the same day's counter row,
    // and none waits for a connection (which a loaded machine could time out).
    const issued = [];
    for (let wave = 0; wave < 10; wave++) {
      issued.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, () => walkIn(t, fresh, { serviceId: fresh.service.id }, fresh.kiosk)),
        )),
      );
    }
    expect(issued.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    const numbers = issued.map((r) => r.json().number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => `P-${String(i + 1).padStart(3, '0')}`));
  });

  it('two desks checking in one booking at once issue one ticket', async () => {
    const booking = await bookAt(t, hall, '09:30');
    const second = await signIn(
      t,
      (await createStaff(t.db, { role: 'receptionist', centreIds: [hall.centreId] })).email,
    );
    const answers = await Promise.all([
      checkIn(t, hall, { reference: booking.reference }, hall.receptionist),
      checkIn(t, hall, { reference: booking.reference }, second),
      checkIn(t, hall, { reference: booking.reference }, hall.kiosk),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().ticket.id)).size).toBe(1);
    await assertInvariants(t.db);
  });
});

describe('two instances on one PostgreSQL', () => {
  let appB: Awaited<ReturnType<typeof openPeerInstance>>['app'];
  let peer: Awaited<ReturnType<typeof openPeerInstance>>;
  beforeAll(async () => {
    peer = await openPeerInstance(t);
    appB = peer.app;
    await appB.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => peer.close());

  it('a call made on instance A reaches a board connected to instance B', async () => {
    const fresh = await createHall(t);
    const port = (appB.server.address() as AddressInfo).port;
    const board = await openEvents(
      `http://127.0.0.1:${port}/api/v1/centres/${fresh.centreId}/events`,
      fresh.board,
    );
    await board.next((e) => e.event === 'snapshot');
    await walkIn(t, fresh, { serviceId: fresh.service.id }, fresh.kiosk);
    await counterAction(t, fresh.agent, fresh.counter1.id, 'open');
    await counterAction(t, fresh.agent, fresh.counter1.id, 'call-next');
    const call = await board.next((e) => e.event === 'call', { ms: 15_000 });
    expect(call.data).toMatchObject({ number: 'P-001', counter: { number: 1 } });
    board.close();
  });

  it('closes the day once, whichever instance runs the job', async () => {
    const fresh = await createHall(t);
    const booking = await bookAt(t, fresh, '11:00');
    await walkIn(t, fresh, { serviceId: fresh.service.id }, fresh.kiosk);
    t.clock.set(at('23:00'));
    try {
      await t.app.jobs.enqueue(t.db, 'hall.close-day', {
        payload: { centreId: fresh.centreId, date: '2026-11-29' },
        dedupeKey: `hall.close-day:${fresh.centreId}:2026-11-29`,
      });
      await Promise.all([t.app.jobs.runDueJobs(), appB.jobs.runDueJobs(), t.app.jobs.runDueJobs()]);
      const left = await queryRows<{ status: string; n: number }>(
        t.db,
        sql`SELECT status, count(*)::int AS n FROM tickets WHERE centre_id = ${fresh.centreId} GROUP BY 1`,
      );
      expect(left).toEqual([{ status: 'no_show', n: 1 }]);
      const history = await queryRows<{ n: number }>(
        t.db,
        sql`SELECT count(*)::int AS n FROM booking_history h JOIN bookings b ON b.id = h.booking_id
             WHERE b.reference = ${booking.reference} AND h.event = 'mark_no_show'`,
      );
      expect(history).toEqual([{ n: 1 }]);
      await assertInvariants(t.db);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });
});
