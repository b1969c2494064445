import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitlistEntries } from '../../db/schema-waitlist';
import { book, bookingBody, manage } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { assertInvariants } from '../../test/invariants';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { join, joinBody, withToken } from '../../test/waitlist';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_WAITLIST_ORDER: 'lottery' } });
});
afterAll(async () => {
  await assertInvariants(t.db);
  await t.close();
});

describe('the waitlist by lottery (MAWAEED_WAITLIST_ORDER=lottery)', () => {
  it('offers a freed seat to the lowest number drawn at joining, and tells each person their place by it', async () => {
    const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 1 } });
    const start = '2026-12-01T08:30:00+03:00';
    const booked = (await book(t, bookingBody(setup, start))).json();

    const joined: { id: string; manageToken: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await join(t, joinBody(setup, { customer: { mobile: `3300${String(1000 + i)}` } }));
      expect(res.statusCode).toBe(201);
      joined.push(res.json());
    }
    const rows = await t.db
      .select({ id: waitlistEntries.id, seq: waitlistEntries.seq, draw: waitlistEntries.draw })
      .from(waitlistEntries)
      .where(eq(waitlistEntries.serviceId, setup.service.id));
    const byDraw = [...rows].sort((a, b) => a.draw - b.draw || a.seq - b.seq).map((r) => r.id);
    const byJoining = [...rows].sort((a, b) => a.seq - b.seq).map((r) => r.id);
    expect(new Set(rows.map((r) => r.draw)).size).toBe(12); // drawn, not left at the default
    // Twelve draws in joining order would be a 1 in 479,001,600 chance.
    expect(byDraw).not.toEqual(byJoining);

    for (const entry of joined) {
      const seen = (await withToken(t, 'GET', 'entry', entry.manageToken)).json();
      expect(seen.position).toBe(byDraw.indexOf(entry.id) + 1);
    }

    await manage(t, booked.reference, booked.manageToken, '/cancel', { method: 'POST', payload: {} });
    const offered = await t.db
      .select({ id: waitlistEntries.id })
      .from(waitlistEntries)
      .where(eq(waitlistEntries.status, 'offered'));
    expect(offered.map((r) => r.id)).toEqual([byDraw[0]]);
  });
});
