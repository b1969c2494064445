import { orderQueue } from '@mawaeed/core/queue/call-policy';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema-hall';
import { createOffering, createOfferingSetup, createService } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/test-app';
import * as repo from './repository';
import { toQueued } from './tickets';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const now = new Date('2026-11-29T06:00:00Z');
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe('the database calls in the order of the core call policy', () => {
  it('agrees with orderQueue on any mix of priority, appointments and walk-ins', async () => {
    const { centre, service } = await createOfferingSetup(t.db);
    const other = await createService(t.db, { letter: 'R' });
    await createOffering(t.db, centre.id, other.id);
    const ticketArb = fc.record({
      other: fc.boolean(),
      priority: fc.constantFrom(null, null, null, 'senior' as const),
      // Appointments from 90 minutes ago to an hour ahead; arrivals up to two hours ago, on a
      // coarse grid so ties (same minute) are common and the tie-breakers are exercised.
      appointment: fc.option(fc.integer({ min: -18, max: 12 }), { nil: null }),
      queued: fc.integer({ min: -24, max: 0 }),
    });
    // Each centre sets its own policy: priority first or not, and the walk-in threshold.
    const policyArb = fc.record({
      priorityFirst: fc.boolean(),
      walkInMaxWaitMinutes: fc.constantFrom(15, 30, 60),
      appointmentDueEarlyMinutes: fc.constant(5),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(ticketArb, { minLength: 1, maxLength: 12 }),
        policyArb,
        async (drawn, policy) => {
          await t.db.delete(tickets).where(eq(tickets.centreId, centre.id));
          await t.db.insert(tickets).values(
            drawn.map((d, i) => ({
              centreId: centre.id,
              serviceId: d.other ? other.id : service.id,
              day: '2026-11-29',
              letter: 'P',
              sequence: i + 1,
              number: `P-${i + 1}`,
              kind: d.appointment === null ? ('walk_in' as const) : ('appointment' as const),
              priority: d.priority,
              status: 'waiting' as const,
              appointmentAt: d.appointment === null ? null : minutes(d.appointment * 5),
              issuedAt: minutes(d.queued * 5),
              queuedAt: minutes(d.queued * 5),
            })),
          );
          const serviceIds = [service.id, other.id];
          const fromSql = await repo.listWaitingInCallOrder(t.db, {
            centreId: centre.id,
            serviceIds,
            now,
            policy,
          });
          const fromCore = orderQueue(fromSql.map(toQueued), { services: new Set(serviceIds), now, policy });
          expect(fromSql.map((r) => r.id)).toEqual(fromCore.map((q) => q.id));
          const next = await t.db.transaction((tx) =>
            repo.lockNextTicket(tx, { centreId: centre.id, serviceIds, now, policy }),
          );
          expect(next?.id).toBe(fromCore[0]?.id);
        },
      ),
      { numRuns: 60 },
    );
  });
});
