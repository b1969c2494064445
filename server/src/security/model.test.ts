import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, manage, nextCpr } from '../test/bookings';
import { at, checkIn, counterAction, createHall, type HallSetup } from '../test/hall';
import { assertInvariants } from '../test/invariants';
import { asStaff } from '../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../test/test-app';

/**
 * Model-based test (fc.commands): random sequences of book, cancel, reschedule, check in, call,
 * finish, no-show and an administrator's capacity change go through the HTTP API, and each answer
 * is compared with a small in-memory model of what must happen. After every sequence the database
 * invariants must hold. Two slots (09:15 and 09:30, both open for check-in at 09:05), four people,
 * one counter. A failure prints the seed and the shortest sequence that breaks it.
 */

const SLOTS = ['09:15', '09:30'] as const;
const PEOPLE = 4;
type Status = 'confirmed' | 'checked_in' | 'served' | 'no_show' | 'cancelled';
type Booking = {
  person: number;
  slot: number;
  reference: string;
  token: string;
  status: Status;
  ticketId?: string;
  ticketNumber?: string;
  ticket?: 'waiting' | 'called' | 'serving' | 'done';
};
type Model = { capacity: number; bookings: Booking[]; current: Booking | null };
type Real = { t: TestApp; hall: HallSetup; cprs: string[] };

const holding = (b: Booking) => b.status === 'confirmed' || b.status === 'checked_in';
const activeOf = (m: Model, person: number) => m.bookings.find((b) => b.person === person && holding(b));
const seatsTaken = (m: Model, slot: number) => m.bookings.filter((b) => b.slot === slot && holding(b)).length;

class Book implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly person: number,
    readonly slot: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await book(
      r.t,
      bookingBody(r.hall, at(SLOTS[this.slot] as string), { cpr: r.cprs[this.person] }),
    );
    const limit = activeOf(m, this.person) !== undefined;
    const full = seatsTaken(m, this.slot) >= m.capacity;
    if (limit || full) {
      expect(res.statusCode, res.body).toBe(409);
      const allowed = [...(limit ? ['PERSON_LIMIT'] : []), ...(full ? ['SLOT_FULL'] : [])];
      expect(allowed).toContain(res.json().code);
      return;
    }
    expect(res.statusCode, res.body).toBe(201);
    const { reference, manageToken } = res.json() as { reference: string; manageToken: string };
    m.bookings.push({
      person: this.person,
      slot: this.slot,
      reference,
      token: manageToken,
      status: 'confirmed',
    });
  }
  toString = () => `book(p${this.person}, ${SLOTS[this.slot]})`;
}

class Cancel implements fc.AsyncCommand<Model, Real> {
  constructor(readonly person: number) {}
  check = (m: Readonly<Model>) => activeOf(m as Model, this.person)?.status === 'confirmed';
  async run(m: Model, r: Real) {
    const b = activeOf(m, this.person) as Booking;
    const res = await manage(r.t, b.reference, b.token, '/cancel', { method: 'POST', payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    b.status = 'cancelled';
  }
  toString = () => `cancel(p${this.person})`;
}

class Reschedule implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly person: number,
    readonly slot: number,
  ) {}
  check = (m: Readonly<Model>) => {
    const b = activeOf(m as Model, this.person);
    return b?.status === 'confirmed' && b.slot !== this.slot;
  };
  async run(m: Model, r: Real) {
    const b = activeOf(m, this.person) as Booking;
    const res = await manage(r.t, b.reference, b.token, '/reschedule', {
      method: 'POST',
      payload: { start: at(SLOTS[this.slot] as string) },
    });
    if (seatsTaken(m, this.slot) >= m.capacity) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('SLOT_FULL');
      return;
    }
    expect(res.statusCode, res.body).toBe(200);
    b.slot = this.slot;
  }
  toString = () => `reschedule(p${this.person}, ${SLOTS[this.slot]})`;
}

class CheckIn implements fc.AsyncCommand<Model, Real> {
  constructor(readonly person: number) {}
  check = (m: Readonly<Model>) => activeOf(m as Model, this.person) !== undefined;
  async run(m: Model, r: Real) {
    const b = activeOf(m, this.person) as Booking;
    const res = await checkIn(r.t, r.hall, { reference: b.reference }, r.hall.receptionist);
    if (b.status === 'checked_in') {
      // Twice: the same ticket, and it says so.
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ alreadyCheckedIn: true, ticket: { number: b.ticketNumber } });
      return;
    }
    expect(res.statusCode, res.body).toBe(201);
    const { ticket } = res.json() as { ticket: { id: string; number: string } };
    Object.assign(b, {
      status: 'checked_in',
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      ticket: 'waiting',
    });
  }
  toString = () => `checkIn(p${this.person})`;
}

class Call implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.current === null;
  async run(m: Model, r: Real) {
    const res = await counterAction(r.t, r.hall.agent, r.hall.counter1.id, 'call-next');
    expect(res.statusCode, res.body).toBe(200);
    const waiting = m.bookings.filter((b) => b.ticket === 'waiting');
    const called = res.json().ticket as { id: string } | null;
    if (waiting.length === 0) {
      expect(called).toBeNull();
      return;
    }
    // Appointments only: whoever is called has the earliest appointment among those waiting.
    const first = Math.min(...waiting.map((b) => b.slot));
    const expected = waiting.filter((b) => b.slot === first).map((b) => b.ticketId);
    expect(expected).toContain(called?.id);
    const b = waiting.find((w) => w.ticketId === called?.id) as Booking;
    b.ticket = 'called';
    m.current = b;
  }
  toString = () => 'call()';
}

class Finish implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.current !== null;
  async run(m: Model, r: Real) {
    const b = m.current as Booking;
    for (const action of ['start', 'finish']) {
      const res = await counterAction(
        r.t,
        r.hall.agent,
        r.hall.counter1.id,
        `tickets/${b.ticketId}/${action}`,
      );
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    }
    Object.assign(b, { ticket: 'done', status: 'served' });
    m.current = null;
  }
  toString = () => 'finish()';
}

class NoShow implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.current !== null;
  async run(m: Model, r: Real) {
    const b = m.current as Booking;
    const res = await counterAction(r.t, r.hall.agent, r.hall.counter1.id, `tickets/${b.ticketId}/no-show`);
    expect(res.statusCode, res.body).toBe(200);
    Object.assign(b, { ticket: 'done', status: 'no_show' });
    m.current = null;
  }
  toString = () => 'noShow()';
}

/** An administrator sets the seats per slot, never below what is booked (no booking affected). */
class Capacity implements fc.AsyncCommand<Model, Real> {
  constructor(readonly capacity: number) {}
  check = (m: Readonly<Model>) => SLOTS.every((_, s) => seatsTaken(m as Model, s) <= this.capacity);
  async run(m: Model, r: Real) {
    const res = await asStaff(
      r.t,
      r.hall.admin,
      'PUT',
      `/api/v1/admin/centres/${r.hall.centreId}/offerings/${r.hall.service.id}`,
      { slotMinutes: 15, capacity: this.capacity },
    );
    expect(res.statusCode, res.body).toBe(200);
    m.capacity = this.capacity;
  }
  toString = () => `capacity(${this.capacity})`;
}

const person = fc.integer({ min: 0, max: PEOPLE - 1 });
const slot = fc.integer({ min: 0, max: SLOTS.length - 1 });
const commands = [
  fc.tuple(person, slot).map(([p, s]) => new Book(p, s)),
  fc.tuple(person, slot).map(([p, s]) => new Book(p, s)),
  person.map((p) => new Cancel(p)),
  fc.tuple(person, slot).map(([p, s]) => new Reschedule(p, s)),
  person.map((p) => new CheckIn(p)),
  fc.constant(new Call()),
  fc.constant(new Finish()),
  fc.constant(new NoShow()),
  fc.integer({ min: 1, max: 3 }).map((c) => new Capacity(c)),
];

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_SESSION_IDLE_MINUTES: '720' } });
});
afterAll(() => t.close());

describe('model-based', () => {
  it('bookings and the hall answer as the model says, and the invariants hold after every sequence', async () => {
    const runs = Number(process.env.MODEL_RUNS ?? 25);
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        // Every sequence gets a centre of its own (and its own people) on the shared database.
        t.clock.set(TEST_NOW);
        const hall = await createHall(t);
        t.clock.set(at('09:05'));
        await asStaff(
          t,
          hall.admin,
          'PUT',
          `/api/v1/admin/centres/${hall.centreId}/offerings/${hall.service.id}`,
          {
            slotMinutes: 15,
            capacity: 2,
          },
        );
        await counterAction(t, hall.agent, hall.counter1.id, 'open');
        const model: Model = { capacity: 2, bookings: [], current: null };
        const real: Real = { t, hall, cprs: Array.from({ length: PEOPLE }, () => nextCpr()) };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        await assertInvariants(t.db);
      }),
      { numRuns: runs, seed: Number(process.env.MODEL_SEED ?? Date.now() % 2 ** 31), verbose: 1 },
    );
  }, 600_000);
});
