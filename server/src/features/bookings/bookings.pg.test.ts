// Races only PostgreSQL can prove (PGlite runs one transaction at a time and hides them), fired
// as real concurrent HTTP requests at a listening app with a pool of 20 connections.
import type { AddressInfo } from 'node:net';
import type { Availability } from '@mawaeed/core/contracts/catalogue';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { bookingBody, nextCpr } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { assertInvariants } from '../../test/invariants';
import { buildTestApp, openPeerInstance, type TestApp } from '../../test/test-app';

type Setup = Awaited<ReturnType<typeof createOfferingSetup>>;
type Answer = {
  status: number;
  text: string;
  code: string | undefined;
  json: Record<string, unknown>;
  replayed: boolean;
};

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await buildTestApp({ poolSize: 20 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
// Whatever arrived at once, the database must still add up (counters, limits, history).
afterEach(() => assertInvariants(t.db));
afterAll(() => t.close());

async function send(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // A non-JSON answer is itself a failure the status will show.
  }
  return {
    status: res.status,
    text,
    code: typeof json.code === 'string' ? json.code : undefined,
    json,
    replayed: res.headers.get('idempotent-replayed') === 'true',
  };
}

const book = (body: unknown, headers: Record<string, string> = {}) =>
  send('POST', '/api/v1/bookings', body, headers);
const manage = (b: { reference: string; manageToken: string }, path: string, body?: unknown) =>
  send(body === undefined ? 'GET' : 'POST', `/api/v1/bookings/${b.reference}${path}`, body, {
    authorization: `Bearer ${b.manageToken}`,
  });

/** What a person sees of a batch of answers: "201 × 3, 409 SLOT_FULL × 97". */
function tally(answers: readonly Answer[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) {
    const key = a.code ? `${a.status} ${a.code}` : String(a.status);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, n]) => `${key} × ${n}`)
    .join(', ');
}

/** Starts of every slot with a free seat between two local dates, as the portal would list them. */
async function openSlots(setup: Setup, from: string, to: string): Promise<string[]> {
  const path = `/api/v1/centres/${setup.centre.id}/availability?service=${setup.service.id}&from=${from}&to=${to}`;
  const res = await send('GET', path);
  if (res.status !== 200) throw new Error(`availability answered ${res.status}: ${res.text}`);
  return (res.json as Availability).days.flatMap((d) =>
    d.slots.filter((s) => s.remaining > 0).map((s) => s.start),
  );
}

/** The seat counter of a slot and the confirmed bookings actually holding it. */
async function seatsAt(offeringId: string, start: string) {
  const [row] = await queryRows<{ booked: number; holding: number }>(
    t.db,
    sql`SELECT
          coalesce((SELECT booked FROM slot_loads
                     WHERE offering_id = ${offeringId} AND starts_at = ${start}::timestamptz), 0) AS booked,
          (SELECT count(*)::int FROM bookings
            WHERE offering_id = ${offeringId} AND starts_at = ${start}::timestamptz
              AND status = 'confirmed') AS holding`,
  );
  if (!row) throw new Error('no row');
  return row;
}

/** The per-person counter and confirmed bookings of whoever made the booking `reference`. */
async function holdsOf(reference: string) {
  const [row] = await queryRows<{ active: number; confirmed: number }>(
    t.db,
    sql`SELECT
          coalesce((SELECT ph.active FROM person_holds ph
                     WHERE ph.customer_id = b.customer_id AND ph.service_id = b.service_id), 0) AS active,
          (SELECT count(*)::int FROM bookings o
            WHERE o.customer_id = b.customer_id AND o.service_id = b.service_id
              AND o.status = 'confirmed') AS confirmed
        FROM bookings b WHERE b.reference = ${reference}`,
  );
  if (!row) throw new Error(`no booking ${reference}`);
  return row;
}

async function sumBooked(offeringId: string) {
  const [row] = await queryRows<{ n: number }>(
    t.db,
    sql`SELECT coalesce(sum(booked), 0)::int AS n FROM slot_loads WHERE offering_id = ${offeringId}`,
  );
  return row?.n;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs `request` after `delayMs` (0: at once), so rounds can vary who reaches the database first. */
const after = <T>(delayMs: number, request: () => Promise<T>) =>
  delayMs > 0 ? sleep(delayMs).then(request) : request();

describe('a stampede at one slot', () => {
  it('gives its 3 seats to exactly 3 of 100 people, round after round, and refuses the rest', async () => {
    const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 3 } });
    const slots = (await openSlots(setup, '2026-12-01', '2026-12-01')).slice(0, 20);
    expect(slots).toHaveLength(20);

    const rounds: string[] = [];
    for (const [i, start] of slots.entries()) {
      const answers = await Promise.all(Array.from({ length: 100 }, () => book(bookingBody(setup, start))));
      const seats = await seatsAt(setup.offering.id, start);
      rounds.push(
        `round ${i + 1}: ${tally(answers)}; ${seats.holding} bookings hold the slot, slot_loads.booked = ${seats.booked}`,
      );
    }

    expect(rounds).toEqual(
      slots.map(
        (_, i) =>
          `round ${i + 1}: 201 × 3, 409 SLOT_FULL × 97; 3 bookings hold the slot, slot_loads.booked = 3`,
      ),
    );
  });
});

describe('200 people at one slot', () => {
  for (const [capacity, day] of [
    [1, '2026-12-02'],
    [3, '2026-12-03'],
  ] as const) {
    it(`gives ${capacity === 1 ? 'its seat' : `its ${capacity} seats`} to exactly ${capacity} of 200, round after round`, async () => {
      const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity } });
      const slots = (await openSlots(setup, day, day)).slice(0, 5);
      expect(slots).toHaveLength(5);
      const rounds: string[] = [];
      for (const [i, start] of slots.entries()) {
        const answers = await Promise.all(Array.from({ length: 200 }, () => book(bookingBody(setup, start))));
        const seats = await seatsAt(setup.offering.id, start);
        rounds.push(`round ${i + 1}: ${tally(answers)}; ${seats.holding} hold it, booked = ${seats.booked}`);
      }
      expect(rounds).toEqual(
        slots.map(
          (_, i) =>
            `round ${i + 1}: 201 × ${capacity}, 409 SLOT_FULL × ${200 - capacity}; ${capacity} hold it, booked = ${capacity}`,
        ),
      );
    });
  }
});

describe('one person racing for many slots', () => {
  it('books one of 30 slots of a service and refuses the other 29 with PERSON_LIMIT', async () => {
    const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 2 } });
    const slots = (await openSlots(setup, '2026-12-01', '2026-12-03')).slice(0, 30);
    expect(slots).toHaveLength(30);
    const cpr = nextCpr();

    const answers = await Promise.all(slots.map((start) => book(bookingBody(setup, start, { cpr }))));

    expect(tally(answers)).toBe('201 × 1, 409 PERSON_LIMIT × 29');
    const won = answers.find((a) => a.status === 201);
    expect(await holdsOf(String(won?.json.reference))).toEqual({ active: 1, confirmed: 1 });
    // The refused requests left no seat taken behind them.
    expect(await sumBooked(setup.offering.id)).toBe(1);
  });
});

describe('one Idempotency-Key sent ten times at once', () => {
  it('books once and gives all ten the same answer', async () => {
    const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 5 } });
    const [start] = await openSlots(setup, '2026-12-01', '2026-12-01');
    if (!start) throw new Error('no open slot');
    const body = bookingBody(setup, start);
    const key = { 'idempotency-key': `stampede-${nextCpr()}` };

    const answers = await Promise.all(Array.from({ length: 10 }, () => book(body, key)));

    expect(tally(answers)).toBe('201 × 10');
    expect(new Set(answers.map((a) => `${a.status} ${a.text}`)).size).toBe(1);
    expect(answers.filter((a) => a.replayed)).toHaveLength(9);
    expect(await seatsAt(setup.offering.id, start)).toEqual({ booked: 1, holding: 1 });
  });
});

describe('cancel and reschedule racing a booking for the last seat', () => {
  /**
   * Per round: A holds S and C holds T (both capacity 1). A cancels, B books S, C moves from T to
   * S and D books T, with the requests sent in varied orders and gaps (ms). `awaitCancel` rounds
   * let the cancel answer first, so S is surely free when B and C race for it.
   */
  const rounds: {
    delays: [cancelA: number, bookB: number, moveC: number, bookD: number];
    awaitCancel?: true;
  }[] = [
    { delays: [0, 0, 0, 0] },
    { delays: [0, 0, 0, 0] },
    { delays: [0, 3, 3, 6] },
    { delays: [4, 0, 0, 0] },
    { delays: [0, 6, 2, 4] },
    { delays: [2, 0, 5, 1] },
    { delays: [0, 1, 0, 1] },
    { delays: [6, 3, 0, 0] },
    { delays: [0, 0, 0, 0], awaitCancel: true },
    { delays: [0, 0, 2, 0], awaitCancel: true },
  ];

  it('lets the seat be taken exactly once, and leaves everyone with one seat or none as answered', async () => {
    const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 1 } });
    const slots = await openSlots(setup, '2026-12-01', '2026-12-01');
    expect(slots.length).toBeGreaterThanOrEqual(2 * rounds.length);
    const problems: string[] = [];

    for (const [i, round] of rounds.entries()) {
      const [s, tSlot] = [slots[2 * i] as string, slots[2 * i + 1] as string];
      const a = await book(bookingBody(setup, s));
      const c = await book(bookingBody(setup, tSlot));
      if (a.status !== 201 || c.status !== 201) throw new Error(`round ${i + 1}: set-up failed`);
      const holderA = a.json as { reference: string; manageToken: string };
      const holderC = c.json as { reference: string; manageToken: string };
      const [dA, dB, dC, dD] = round.delays;

      const cancel = after(dA, () => manage(holderA, '/cancel', {}));
      if (round.awaitCancel) await cancel;
      const [cancelled, bookedB, movedC, bookedD] = await Promise.all([
        cancel,
        after(dB, () => book(bookingBody(setup, s))),
        after(dC, () => manage(holderC, '/reschedule', { start: s })),
        after(dD, () => book(bookingBody(setup, tSlot))),
      ]);

      const label = `round ${i + 1}`;
      const summary = `cancel ${cancelled.status}, B ${bookedB.status}, C ${movedC.status}, D ${bookedD.status}`;
      const bWon = bookedB.status === 201;
      const cMoved = movedC.status === 200;
      const dWon = bookedD.status === 201;
      if (cancelled.status !== 200) problems.push(`${label}: cancel answered ${cancelled.status}`);
      for (const [who, answer, ok] of [
        ['B', bookedB, 201],
        ['C', movedC, 200],
        ['D', bookedD, 201],
      ] as const) {
        if (answer.status !== ok && answer.code !== 'SLOT_FULL')
          problems.push(`${label}: ${who} answered ${answer.status} ${answer.code ?? answer.text}`);
      }
      if (bWon && cMoved) problems.push(`${label}: both B and C were given the last seat of S`);
      if (round.awaitCancel && !bWon && !cMoved)
        problems.push(`${label}: the freed seat of S went to nobody`);
      if (dWon && !cMoved) problems.push(`${label}: D booked T while C still held it`);

      const seatsS = await seatsAt(setup.offering.id, s);
      const seatsT = await seatsAt(setup.offering.id, tSlot);
      const expectedS = bWon || cMoved ? 1 : 0;
      const expectedT = cMoved ? (dWon ? 1 : 0) : 1;
      if (seatsS.booked !== expectedS || seatsS.holding !== expectedS)
        problems.push(`${label}: S has booked = ${seatsS.booked} and ${seatsS.holding} bookings, ${summary}`);
      if (seatsT.booked !== expectedT || seatsT.holding !== expectedT)
        problems.push(`${label}: T has booked = ${seatsT.booked} and ${seatsT.holding} bookings, ${summary}`);

      // C sees their booking where the answer said it is, and holds exactly one seat.
      const seenC = await manage(holderC, '');
      if (seenC.json.start !== (cMoved ? s : tSlot) || seenC.json.status !== 'confirmed')
        problems.push(
          `${label}: C's booking shows ${seenC.json.status} at ${seenC.json.start} after ${summary}`,
        );
      const seenA = await manage(holderA, '');
      if (seenA.json.status !== 'cancelled') problems.push(`${label}: A's booking is ${seenA.json.status}`);
      const holds = [
        ['A', holderA.reference, 0],
        ['C', holderC.reference, 1],
        ...(bWon ? [['B', String(bookedB.json.reference), 1] as const] : []),
        ...(dWon ? [['D', String(bookedD.json.reference), 1] as const] : []),
      ] as const;
      for (const [who, reference, seats] of holds) {
        const held = await holdsOf(reference);
        if (held.active !== seats || held.confirmed !== seats)
          problems.push(
            `${label}: ${who} has ${held.confirmed} bookings and a hold counter of ${held.active}`,
          );
      }
    }

    expect(problems).toEqual([]);
  });
});

describe('availability right after a write', () => {
  // Each instance keeps its recent availability answers, and sends one again only after a read
  // shows the seats and the catalogue unchanged (decision 0019), so a client that booked or
  // cancelled sees the change in its very next read, on this instance or another.
  let peer: Awaited<ReturnType<typeof openPeerInstance>>;
  beforeAll(async () => {
    peer = await openPeerInstance(t);
  });
  afterAll(() => peer.close());

  it('drops a slot’s remaining count the moment a booking is answered, and gives it back on cancel, on both instances', async () => {
    const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 3 } });
    const path = `/api/v1/centres/${setup.centre.id}/availability?service=${setup.service.id}&from=2026-12-01&to=2026-12-01`;
    const [start] = await openSlots(setup, '2026-12-01', '2026-12-01');
    if (!start) throw new Error('no open slot');
    const seatsIn = (answer: Availability) => answer.days[0]?.slots.find((s) => s.start === start)?.remaining;
    const remaining = async () => [
      seatsIn((await send('GET', path)).json as Availability),
      seatsIn((await peer.app.inject({ method: 'GET', url: path })).json() as Availability),
    ];
    // Both instances have answered (and kept) the question before anything changes.
    expect(await remaining()).toEqual([3, 3]);
    expect(await remaining()).toEqual([3, 3]);

    const answers = await Promise.all([book(bookingBody(setup, start)), book(bookingBody(setup, start))]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(await remaining()).toEqual([1, 1]);

    const [first] = answers;
    const cancelled = await manage(first?.json as { reference: string; manageToken: string }, '/cancel', {});
    expect(cancelled.status).toBe(200);
    expect(await remaining()).toEqual([2, 2]);
  });
});
