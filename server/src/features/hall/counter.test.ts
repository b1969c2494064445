import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import {
  at,
  bookAt,
  checkIn,
  counterAction,
  createHall,
  type HallSetup,
  request,
  walkIn,
} from '../../test/hall';
import { assertInvariants } from '../../test/invariants';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_SESSION_IDLE_MINUTES: '720' } });
});
afterAll(() => t.close());

async function issueWalkIns(hall: HallSetup, n: number, serviceId = hall.service.id) {
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await walkIn(t, hall, { serviceId }, hall.receptionist);
    expect(res.statusCode).toBe(201);
    numbers.push(res.json().number);
    t.clock.advance(1);
  }
  return numbers;
}

async function history(ticketId: string) {
  return queryRows<{
    event: string;
    from_status: string | null;
    to_status: string;
    counter_id: string | null;
  }>(
    t.db,
    sql`SELECT event, from_status, to_status, counter_id FROM ticket_history WHERE ticket_id = ${ticketId} ORDER BY id`,
  );
}

describe('a counter’s day', () => {
  let hall: HallSetup;
  beforeAll(async () => {
    t.clock.set(TEST_NOW);
    hall = await createHall(t);
  });

  it('calls nobody until the counter is open, and records the session', async () => {
    await issueWalkIns(hall, 1);
    const closed = await counterAction(t, hall.agent, hall.counter1.id, 'call-next');
    expect(closed.json().code).toBe('COUNTER_NOT_OPEN');
    const open = await counterAction(t, hall.agent, hall.counter1.id, 'open');
    expect(open.statusCode).toBe(200);
    expect(open.json().session).toMatchObject({ counterId: hall.counter1.id, closedAt: null });
    const taken = await counterAction(t, hall.agent2, hall.counter1.id, 'open');
    expect(taken.json().code).toBe('COUNTER_IN_USE');
    const elsewhere = await counterAction(t, hall.agent, hall.counter2.id, 'open');
    expect(elsewhere.json().code).toBe('AGENT_AT_ANOTHER_COUNTER');
  });

  it('calls, starts and finishes a checked-in appointment, and the booking is served', async () => {
    const booking = await bookAt(t, hall, '09:30');
    const ticket = (await checkIn(t, hall, { reference: booking.reference }, hall.receptionist)).json()
      .ticket;
    // The walk-in of the last test waits (26 minutes by now), but the due appointment goes first.
    t.clock.set(at('09:26'));
    const called = await counterAction(t, hall.agent, hall.counter1.id, 'call-next');
    expect(called.statusCode).toBe(200);
    expect(called.json().ticket).toMatchObject({
      id: ticket.id,
      status: 'called',
      counterId: hall.counter1.id,
      appointment: {
        reference: booking.reference,
        customerName: 'Fatima Ali',
        mobileMasked: '+973 •••• ••34',
      },
    });
    const busy = await counterAction(t, hall.agent, hall.counter1.id, 'call-next');
    expect(busy.json().code).toBe('COUNTER_BUSY');
    for (const action of ['recall', 'start', 'finish']) {
      const res = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/${action}`);
      expect(res.statusCode, action).toBe(200);
    }
    const again = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/finish`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TICKET_NOT_CHANGEABLE');
    expect((await history(ticket.id)).map((h) => `${h.event}:${h.to_status}`)).toEqual([
      'issue:waiting',
      'call:called',
      'recall:called',
      'start:serving',
      'finish:served',
    ]);
    const manage = await t.app.inject({
      url: `/api/v1/bookings/${booking.reference}`,
      headers: { authorization: `Bearer ${booking.manageToken}` },
    });
    expect(manage.json().status).toBe('served');
  });

  it('marks a called person who never came as a no-show', async () => {
    const called = (await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket;
    expect(called.kind).toBe('walk_in');
    const early = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${called.id}/finish`);
    expect(early.json().code).toBe('TICKET_NOT_CHANGEABLE');
    const res = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${called.id}/no-show`);
    expect(res.json().status).toBe('no_show');
    const empty = await counterAction(t, hall.agent, hall.counter1.id, 'call-next');
    expect(empty.json()).toEqual({ ticket: null });
  });

  it('does not let another counter act on this counter’s ticket', async () => {
    await issueWalkIns(hall, 1);
    const called = (await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket;
    await counterAction(t, hall.agent2, hall.counter2.id, 'open');
    const res = await counterAction(t, hall.agent2, hall.counter2.id, `tickets/${called.id}/start`);
    expect(res.json().code).toBe('TICKET_NOT_AT_COUNTER');
    const back = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${called.id}/return`);
    expect(back.json()).toMatchObject({ status: 'waiting', counterId: null });
  });

  it('transfers to another service keeping the place by first arrival', async () => {
    // Residency (R) is served by counter 2 only.
    const first = (await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket;
    const transferred = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${first.id}/transfer`, {
      serviceId: hall.residency.id,
    });
    expect(transferred.json().status).toBe('transferred');
    const console2 = await request(
      t,
      'GET',
      `/api/v1/counters/${hall.counter2.id}/console`,
      undefined,
      hall.agent2,
    );
    const residency = console2
      .json()
      .waiting.find((w: { serviceId: string }) => w.serviceId === hall.residency.id);
    expect(residency.tickets).toMatchObject([{ number: 'R-001', queuedAt: first.queuedAt }]);
    const called = (await counterAction(t, hall.agent2, hall.counter2.id, 'call-next')).json().ticket;
    expect(called).toMatchObject({ number: 'R-001', queuedAt: first.queuedAt });
  });

  it('keeps a note on the customer by id, never its text in the audit log', async () => {
    const booking = await bookAt(t, hall, '10:00');
    t.clock.set(at('09:45'));
    await checkIn(t, hall, { reference: booking.reference }, hall.receptionist);
    const called = (await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket;
    const note = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${called.id}/notes`, {
      text: 'Needs an Arabic-speaking agent; secret-note-text',
    });
    expect(note.statusCode).toBe(201);
    const audit = await queryRows<{ row: string }>(
      t.db,
      sql`SELECT row_to_json(a)::text AS row FROM audit_log a`,
    );
    expect(audit.some((a) => a.row.includes('secret-note-text'))).toBe(false);
    const stored = await queryRows<{ customer_id: string }>(
      t.db,
      sql`SELECT customer_id FROM customer_notes`,
    );
    expect(stored[0]?.customer_id).toBe(called.customerId);
  });

  it('closes a counter only once its ticket is done', async () => {
    const busy = await counterAction(t, hall.agent, hall.counter1.id, 'close');
    expect(busy.json().code).toBe('COUNTER_BUSY');
    const ticket = await current(hall.counter1.id);
    await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/no-show`);
    const closed = await counterAction(t, hall.agent, hall.counter1.id, 'close');
    expect(closed.json().session).toBeNull();
    const sessions = await queryRows<{ closed: boolean }>(
      t.db,
      sql`SELECT closed_at IS NOT NULL AS closed FROM counter_sessions WHERE counter_id = ${hall.counter1.id}`,
    );
    expect(sessions).toEqual([{ closed: true }]);
    await assertInvariants(t.db);
  });

  async function current(counterId: string) {
    const agent = counterId === hall.counter1.id ? hall.agent : hall.agent2;
    return (await request(t, 'GET', `/api/v1/counters/${counterId}/console`, undefined, agent)).json()
      .current;
  }
});

describe('who works a counter', () => {
  it('is an agent of the centre: not a receptionist, a device, or another centre', async () => {
    t.clock.set(TEST_NOW);
    const hall = await createHall(t);
    const other = await createHall(t);
    const url = `/api/v1/counters/${hall.counter1.id}/console`;
    expect((await request(t, 'GET', url, undefined, hall.agent)).statusCode).toBe(200);
    expect((await request(t, 'GET', url, undefined, hall.receptionist)).statusCode).toBe(403);
    expect((await request(t, 'GET', url, undefined, hall.board)).statusCode).toBe(403);
    expect((await request(t, 'GET', url, undefined, hall.kiosk)).statusCode).toBe(403);
    expect((await request(t, 'GET', url, undefined, {})).statusCode).toBe(401);
    expect((await request(t, 'GET', url, undefined, other.agent)).statusCode).toBe(404);
    expect((await counterAction(t, other.agent, hall.counter1.id, 'open')).statusCode).toBe(404);
  });
});

describe('picking a counter', () => {
  it('lists the counters of the agent’s centres only, and says which are taken', async () => {
    t.clock.set(TEST_NOW);
    const hall = await createHall(t);
    const other = await createHall(t);
    await counterAction(t, hall.agent2, hall.counter2.id, 'open');
    const mine = await request(t, 'GET', '/api/v1/counters', undefined, hall.agent);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ id: hall.counter1.id, number: 1, openedBy: null }),
      expect.objectContaining({ id: hall.counter2.id, number: 2, openedBy: 'someone_else' }),
    ]);
    const theirs = await request(t, 'GET', '/api/v1/counters', undefined, hall.agent2);
    expect(theirs.json().items[1]).toMatchObject({ id: hall.counter2.id, openedBy: 'me' });
    const elsewhere = await request(t, 'GET', '/api/v1/counters', undefined, other.agent);
    expect(elsewhere.json().items.map((c: { centreId: string }) => c.centreId)).toEqual([
      other.centreId,
      other.centreId,
    ]);
    expect((await request(t, 'GET', '/api/v1/counters', undefined, hall.receptionist)).statusCode).toBe(403);
    expect((await request(t, 'GET', '/api/v1/counters', undefined, hall.board)).statusCode).toBe(403);
  });
});

describe('a centre’s own call policy', () => {
  it('is set by an administrator and changes who is called next', async () => {
    t.clock.set(TEST_NOW);
    const hall = await createHall(t);
    const url = `/api/v1/admin/centres/${hall.centreId}`;
    const shown = await request(t, 'GET', url, undefined, hall.admin);
    expect(shown.json().callPolicy).toEqual({ priorityFirst: true, walkInMaxWaitMinutes: 30 });
    const plain = (await walkIn(t, hall, { serviceId: hall.service.id }, hall.receptionist)).json();
    t.clock.advance(1);
    const senior = (
      await walkIn(t, hall, { serviceId: hall.service.id, priority: 'senior' }, hall.receptionist)
    ).json();
    const changed = await t.app.inject({
      method: 'PATCH',
      url,
      headers: hall.admin.headers,
      payload: { callPolicy: { priorityFirst: false, walkInMaxWaitMinutes: 20 } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().callPolicy).toEqual({ priorityFirst: false, walkInMaxWaitMinutes: 20 });
    await counterAction(t, hall.agent, hall.counter1.id, 'open');
    const first = (await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket;
    // Priority off: the earlier walk-in goes first, though the later one is a senior's.
    expect(first.id).toBe(plain.id);
    expect(first.id).not.toBe(senior.id);
    const refused = await t.app.inject({
      method: 'PATCH',
      url,
      headers: hall.admin.headers,
      payload: { callPolicy: { priorityFirst: true, walkInMaxWaitMinutes: 0 } },
    });
    expect(refused.statusCode).toBe(400);
  });
});
