import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { bookings, centres, offerings, services, slotLoads } from '../../db/schema';

/** Future slots holding seats, with what decides their capacity now; locked for the change. */
export async function lockFutureLoads(tx: Queryable, centreIds: string[], from: Date) {
  if (centreIds.length === 0) return [];
  return tx
    .select({
      offeringId: slotLoads.offeringId,
      startsAt: slotLoads.startsAt,
      booked: slotLoads.booked,
      held: slotLoads.held,
      capacity: slotLoads.capacity,
      centreId: offerings.centreId,
      serviceId: offerings.serviceId,
      plan: {
        slotMinutes: offerings.slotMinutes,
        capacity: offerings.capacity,
        capacityRules: offerings.capacityRules,
      },
      isOffered: sql<boolean>`${offerings.active} AND ${services.active} AND ${centres.active}`,
    })
    .from(slotLoads)
    .innerJoin(offerings, eq(offerings.id, slotLoads.offeringId))
    .innerJoin(services, eq(services.id, offerings.serviceId))
    .innerJoin(centres, eq(centres.id, offerings.centreId))
    .where(
      and(
        inArray(offerings.centreId, centreIds),
        gte(slotLoads.startsAt, from),
        sql`${slotLoads.booked} + ${slotLoads.held} > 0`,
      ),
    )
    .for('update', { of: slotLoads });
}

export async function findCentres(tx: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select().from(centres).where(inArray(centres.id, ids));
}

/** The bookings holding seats in one slot, the latest-made first (they give way first). */
export async function listSeatHolders(tx: Queryable, offeringId: string, startsAt: Date, limit: number) {
  return tx
    .select({
      reference: bookings.reference,
      status: bookings.status,
      startsAt: bookings.startsAt,
      centreId: bookings.centreId,
      serviceId: bookings.serviceId,
      id: bookings.id,
    })
    .from(bookings)
    .where(
      and(
        eq(bookings.offeringId, offeringId),
        eq(bookings.startsAt, startsAt),
        inArray(bookings.status, ['confirmed', 'checked_in']),
      ),
    )
    .orderBy(desc(bookings.createdAt), desc(bookings.reference))
    .limit(limit);
}

export async function setLoadCapacity(tx: Queryable, offeringId: string, startsAt: Date, capacity: number) {
  await tx
    .update(slotLoads)
    .set({ capacity: sql`GREATEST(${slotLoads.booked} + ${slotLoads.held}, ${capacity})` })
    .where(and(eq(slotLoads.offeringId, offeringId), eq(slotLoads.startsAt, startsAt)));
}

/** Empty future slot rows carry a capacity that may be stale: they go, and come back on demand. */
export async function dropEmptyLoads(tx: Queryable, centreIds: string[], from: Date) {
  if (centreIds.length === 0) return;
  await tx.execute(sql`
    DELETE FROM ${slotLoads} sl USING ${offerings} o
    WHERE o.id = sl.offering_id AND o.centre_id IN ${centreIds} AND sl.starts_at >= ${from} AND sl.booked = 0 AND sl.held = 0`);
}

export async function centresOffering(tx: Queryable, serviceId: string) {
  const rows = await tx
    .selectDistinct({ centreId: offerings.centreId })
    .from(offerings)
    .where(eq(offerings.serviceId, serviceId));
  return rows.map((r) => r.centreId);
}

export async function allCentreIds(tx: Queryable) {
  return (await tx.select({ id: centres.id }).from(centres)).map((r) => r.id);
}
