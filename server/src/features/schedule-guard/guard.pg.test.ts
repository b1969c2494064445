// Admin changes racing bookings, on PostgreSQL with many connections: whatever commits first, no
// booking may end up over the new capacity or on the closed day unless the change saw it and
// cancelled it (or was told to keep it).
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { bookingBody } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { assertInvariants } from '../../test/invariants';
import { createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let base: string;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp({ poolSize: 20 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
});
afterEach(() => assertInvariants(t.db));
afterAll(() => t.close());

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WED = '2026-12-02';
const at = (time: string) => `${WED}T${time}:00+03:00`;
const TIMES = ['08:00', '08:15', '08:30', '08:45', '09:00', '09:15', '09:30', '09:45'];

/** Bookings for the slots, all at once, while `change` is sent after `delayMs`. */
async function race(
  setup: Awaited<ReturnType<typeof createOfferingSetup>>,
  starts: string[],
  delayMs: number,
  change: () => Promise<{ status: number; json: Record<string, unknown> }>,
) {
  const bookings = starts.map((start) => send('POST', '/api/v1/bookings', bookingBody(setup, start)));
  const admin = sleep(delayMs).then(change);
  const answers = await Promise.all(bookings);
  const decided = await admin;
  for (const a of answers) expect([201, 409, 422]).toContain(a.status);
  expect(decided.status, JSON.stringify(decided.json)).toBeLessThan(300);
  return answers;
}

async function confirmedAt(offeringId: string) {
  return queryRows<{ starts_at: Date; n: number }>(
    t.db,
    sql`SELECT starts_at, count(*)::int AS n FROM bookings
         WHERE offering_id = ${offeringId} AND status = 'confirmed' GROUP BY 1`,
  );
}

describe('bookings racing a capacity cut', () => {
  it.each([0, 5, 15, 40])(
    'leave no slot over the new capacity once the cut (cancel) is through (admin after %i ms)',
    async (delayMs) => {
      const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 6 } });
      const starts = TIMES.flatMap((time) => Array.from({ length: 6 }, () => at(time)));
      await race(setup, starts, delayMs, () =>
        send(
          'PUT',
          `/api/v1/admin/centres/${setup.centre.id}/offerings/${setup.service.id}`,
          { slotMinutes: 15, capacity: 2, onAffected: 'cancel' },
          admin.headers,
        ),
      );
      for (const slot of await confirmedAt(setup.offering.id)) expect(slot.n).toBeLessThanOrEqual(2);
      const loads = await queryRows<{ capacity: number }>(
        t.db,
        sql`SELECT capacity FROM slot_loads WHERE offering_id = ${setup.offering.id} AND booked > 0`,
      );
      for (const l of loads) expect(l.capacity).toBe(2);
    },
  );
});

describe('bookings racing a closure', () => {
  it.each([0, 5, 15, 40])(
    'leave no confirmed booking on the closed day once the closure (cancel) is through (admin after %i ms)',
    async (delayMs) => {
      const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 4 } });
      const starts = TIMES.flatMap((time) => Array.from({ length: 4 }, () => at(time)));
      await race(setup, starts, delayMs, () =>
        send(
          'POST',
          '/api/v1/admin/closures',
          {
            centreIds: [setup.centre.id],
            date: WED,
            kind: 'closure',
            name: { en: 'Works', ar: 'أعمال' },
            onAffected: 'cancel',
          },
          admin.headers,
        ),
      );
      expect(await confirmedAt(setup.offering.id)).toEqual([]);
      // Everyone the closure cancelled is told so.
      const [told] = await queryRows<{ cancelled: number; notices: number }>(
        t.db,
        sql`SELECT (SELECT count(*)::int FROM bookings WHERE offering_id = ${setup.offering.id}
                      AND status = 'cancelled') AS cancelled,
                   (SELECT count(DISTINCT m.booking_id)::int FROM messages m JOIN bookings b ON b.id = m.booking_id
                     WHERE b.offering_id = ${setup.offering.id} AND m.kind = 'closure') AS notices`,
      );
      expect(told?.notices).toBe(told?.cancelled);
    },
  );
});
