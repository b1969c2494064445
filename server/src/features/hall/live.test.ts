import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAt, checkIn, counterAction, createHall, type HallSetup, walkIn } from '../../test/hall';
import { openEvents } from '../../test/sse';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let hall: HallSetup;
let base: string;
beforeAll(async () => {
  t = await buildTestApp();
  hall = await createHall(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

describe('the hall’s live events', () => {
  it('sends a snapshot, then the call with its counter and the waiting counts, and nothing personal', async () => {
    const board = await openEvents(`${base}/api/v1/centres/${hall.centreId}/events`, hall.board);
    expect(board.status).toBe(200);
    expect(board.headers.get('content-type')).toContain('text/event-stream');
    const snapshot = await board.next((e) => e.event === 'snapshot');
    expect(snapshot.data).toMatchObject({ centreId: hall.centreId, waitingNow: 0, calls: [] });

    const booking = await bookAt(t, hall, '09:15', { cpr: '870101234' });
    await checkIn(t, hall, { reference: booking.reference, priority: 'disability' }, hall.receptionist);
    const waiting = await board.next((e) => e.event === 'waiting');
    expect(waiting.data).toMatchObject({ waitingNow: 1 });
    await counterAction(t, hall.agent, hall.counter1.id, 'open');
    const called = (await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket;
    const call = await board.next((e) => e.event === 'call');
    expect(call.data).toEqual({
      number: 'P-001',
      serviceId: hall.service.id,
      counter: { number: 1, name: { en: 'Counter 1', ar: 'الشباك 1' } },
    });
    await counterAction(t, hall.agent, hall.counter1.id, `tickets/${called.id}/recall`);
    await board.next((e) => e.event === 'recall');
    const everything = JSON.stringify(board.events);
    for (const secret of ['870101234', 'Fatima', '36001234', 'disability', booking.reference]) {
      expect(everything).not.toContain(secret);
    }
    // Event ids only grow, so a board can resume after the last one it saw.
    const ids = board.events.filter((e) => e.id).map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    board.close();
  });

  it('catches a reconnecting board up from its Last-Event-ID', async () => {
    const first = await openEvents(`${base}/api/v1/centres/${hall.centreId}/events`);
    const snapshot = await first.next((e) => e.event === 'snapshot');
    first.close();
    await walkIn(t, hall, { serviceId: hall.service.id }, hall.kiosk);
    const again = await openEvents(`${base}/api/v1/centres/${hall.centreId}/events`, {
      'last-event-id': String(snapshot.id),
    });
    const missed = await again.next((e) => e.event === 'waiting');
    expect(Number(missed.id)).toBeGreaterThan(Number(snapshot.id));
    expect(again.events.some((e) => e.event === 'snapshot')).toBe(false);
    again.close();
  });

  it('shows a board of another centre nothing', async () => {
    const other = await createHall(t);
    const res = await t.app.inject({ url: `/api/v1/centres/${hall.centreId}/events`, headers: other.board });
    expect(res.statusCode).toBe(404);
    const snapshot = await t.app.inject({
      url: `/api/v1/centres/${hall.centreId}/hall`,
      headers: other.board,
    });
    expect(snapshot.statusCode).toBe(404);
  });
});

describe('people waiting now and the live ticket', () => {
  it('counts people waiting per centre on the public centres list', async () => {
    const fresh = await createHall(t);
    await walkIn(t, fresh, { serviceId: fresh.service.id }, fresh.kiosk);
    await walkIn(t, fresh, { serviceId: fresh.service.id }, fresh.kiosk);
    const centres = (await t.app.inject({ url: '/api/v1/centres' })).json().items;
    expect(centres.find((c: { id: string }) => c.id === fresh.centreId).waitingNow).toBe(2);
    const hallNow = (await t.app.inject({ url: `/api/v1/centres/${fresh.centreId}/hall` })).json();
    expect(hallNow.services[0]).toMatchObject({ serviceId: fresh.service.id, letter: 'P', waiting: 2 });
  });

  it('tells the person their place, wait and, once called, their counter', async () => {
    const fresh = await createHall(t);
    const first = (await walkIn(t, fresh, { serviceId: fresh.service.id }, fresh.kiosk)).json();
    t.clock.advance(1);
    const mine = (await walkIn(t, fresh, { serviceId: fresh.service.id }, fresh.kiosk)).json();
    t.clock.advance(-1);
    const live = () => t.app.inject({ url: `/api/v1/tickets/${mine.liveToken}` });
    expect((await live()).json()).toMatchObject({
      number: 'P-002',
      status: 'waiting',
      position: 2,
      peopleAhead: 1,
      estimatedWaitMinutes: null,
      counter: null,
    });
    await counterAction(t, fresh.agent, fresh.counter1.id, 'open');
    // One counter open, no service finished yet: the service's own duration (15 minutes) a round.
    expect((await live()).json()).toMatchObject({ peopleAhead: 1, estimatedWaitMinutes: 15 });
    const called = (await counterAction(t, fresh.agent, fresh.counter1.id, 'call-next')).json().ticket;
    expect(called.id).toBe(first.id);
    expect((await live()).json()).toMatchObject({ position: 1, peopleAhead: 0, estimatedWaitMinutes: 0 });
    await counterAction(t, fresh.agent, fresh.counter1.id, `tickets/${first.id}/no-show`);
    await counterAction(t, fresh.agent, fresh.counter1.id, 'call-next');
    const now = (await live()).json();
    expect(now).toMatchObject({ status: 'called', position: null, counter: { number: 1 } });
    expect(JSON.stringify(now)).not.toContain('priority');
    expect((await t.app.inject({ url: '/api/v1/tickets/not-a-real-token-at-all' })).statusCode).toBe(404);
  });
});
