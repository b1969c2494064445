import type { WaitlistOrder } from '@mawaeed/core/waitlist/matching';
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { bookings, customers, offerings, slotLoads } from '../../db/schema';
import { type HoldStatus, seatHolds, waitlistEntries, waitlistTokens } from '../../db/schema-waitlist';

export type EntryRow = typeof waitlistEntries.$inferSelect;
export type HoldRow = typeof seatHolds.$inferSelect;

/** A new entry, or nothing when the person already has an active one for the service. */
export async function insertEntry(tx: Queryable, values: typeof waitlistEntries.$inferInsert) {
  const [row] = await tx.insert(waitlistEntries).values(values).onConflictDoNothing().returning();
  return row;
}

/** A person's entry for a service whose range has ended is over: it no longer blocks a new one. */
export async function closeEndedEntry(
  tx: Queryable,
  customerId: string,
  serviceId: string,
  today: string,
  at: Date,
) {
  await tx
    .update(waitlistEntries)
    .set({ status: 'left', updatedAt: at })
    .where(
      and(
        eq(waitlistEntries.customerId, customerId),
        eq(waitlistEntries.serviceId, serviceId),
        eq(waitlistEntries.status, 'waiting'),
        sql`${waitlistEntries.toDate} < ${today}`,
      ),
    );
}

export async function insertEntryToken(tx: Queryable, entryId: string, tokenHash: string) {
  await tx.insert(waitlistTokens).values({ entryId, tokenHash });
}

export async function findEntryByToken(q: Queryable, tokenHash: string) {
  const [row] = await q
    .select({ entry: waitlistEntries })
    .from(waitlistTokens)
    .innerJoin(waitlistEntries, eq(waitlistEntries.id, waitlistTokens.entryId))
    .where(eq(waitlistTokens.tokenHash, tokenHash));
  return row?.entry;
}

export async function lockEntry(tx: Queryable, id: string) {
  const [row] = await tx.select().from(waitlistEntries).where(eq(waitlistEntries.id, id)).for('update');
  return row;
}

/** The entry if it is still waiting and no other transaction is offering it a seat right now. */
export async function lockWaitingEntry(tx: Queryable, id: string) {
  const [row] = await tx
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.id, id), eq(waitlistEntries.status, 'waiting')))
    .for('update', { skipLocked: true });
  return row;
}

export async function updateEntry(
  tx: Queryable,
  id: string,
  set: Partial<typeof waitlistEntries.$inferInsert>,
) {
  await tx.update(waitlistEntries).set(set).where(eq(waitlistEntries.id, id));
}

/** The queue's order in SQL, as queueCompare has it in core. */
function queueOrder(order: WaitlistOrder) {
  return order === 'lottery'
    ? [asc(waitlistEntries.draw), asc(waitlistEntries.seq)]
    : [asc(waitlistEntries.seq)];
}

/** Where an entry stands among those waiting for its service (1 = next). */
export async function positionOf(q: Queryable, entry: EntryRow, order: WaitlistOrder) {
  const [row] = await q
    .select({ ahead: sql<number>`count(*)::int` })
    .from(waitlistEntries)
    .where(
      and(
        eq(waitlistEntries.serviceId, entry.serviceId),
        eq(waitlistEntries.status, 'waiting'),
        order === 'lottery'
          ? sql`(${waitlistEntries.draw}, ${waitlistEntries.seq}) < (${entry.draw}, ${entry.seq})`
          : sql`${waitlistEntries.seq} < ${entry.seq}`,
      ),
    );
  return (row?.ahead ?? 0) + 1;
}

/**
 * Entries waiting for a service at a centre on a date, in the queue's order, that were not
 * offered this very seat before (declined or let it lapse).
 */
export async function listCandidates(
  q: Queryable,
  seat: { serviceId: string; centreId: string; date: string; offeringId: string; startsAt: Date },
  order: WaitlistOrder,
) {
  return q
    .select()
    .from(waitlistEntries)
    .where(
      and(
        eq(waitlistEntries.serviceId, seat.serviceId),
        eq(waitlistEntries.status, 'waiting'),
        sql`${waitlistEntries.centreIds} @> ${JSON.stringify([seat.centreId])}::jsonb`,
        lte(waitlistEntries.fromDate, seat.date),
        sql`${waitlistEntries.toDate} >= ${seat.date}`,
        sql`NOT EXISTS (SELECT 1 FROM ${seatHolds} h WHERE h.entry_id = ${waitlistEntries.id}
          AND h.offering_id = ${seat.offeringId} AND h.starts_at = ${seat.startsAt})`,
      ),
    )
    .orderBy(...queueOrder(order));
}

/** Every entry waiting for a service offered at one of these centres, in the queue's order. */
export async function listWaitingAt(q: Queryable, centreIds: string[], order: WaitlistOrder) {
  if (centreIds.length === 0) return [];
  return q
    .select()
    .from(waitlistEntries)
    .where(
      and(
        eq(waitlistEntries.status, 'waiting'),
        sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(${waitlistEntries.centreIds}) AS c(id) WHERE c.id IN ${centreIds})`,
      ),
    )
    .orderBy(...queueOrder(order));
}

/** Whether this entry was offered this seat before. */
export async function wasOffered(q: Queryable, entryId: string, offeringId: string, startsAt: Date) {
  const [row] = await q
    .select({ id: seatHolds.id })
    .from(seatHolds)
    .where(
      and(
        eq(seatHolds.entryId, entryId),
        eq(seatHolds.offeringId, offeringId),
        eq(seatHolds.startsAt, startsAt),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function findOffering(q: Queryable, id: string) {
  const [row] = await q.select().from(offerings).where(eq(offerings.id, id));
  return row;
}

export async function findCustomer(q: Queryable, id: string) {
  const [row] = await q.select().from(customers).where(eq(customers.id, id));
  return row;
}

/** Holds one free seat of a slot back from public availability (the same guard as booking one). */
export async function holdSeat(tx: Queryable, offeringId: string, startsAt: Date, capacity: number) {
  const rows = await tx
    .insert(slotLoads)
    .values({ offeringId, startsAt, capacity, booked: 0, held: 1 })
    .onConflictDoUpdate({
      target: [slotLoads.offeringId, slotLoads.startsAt],
      set: { held: sql`${slotLoads.held} + 1` },
      setWhere: sql`${slotLoads.booked} + ${slotLoads.held} < ${slotLoads.capacity} AND ${slotLoads.booked} + ${slotLoads.held} < ${capacity}`,
    })
    .returning({ held: slotLoads.held });
  return rows.length > 0;
}

/** A held seat back to public availability. */
export async function unholdSeat(tx: Queryable, offeringId: string, startsAt: Date) {
  await tx
    .update(slotLoads)
    .set({ held: sql`${slotLoads.held} - 1` })
    .where(
      and(eq(slotLoads.offeringId, offeringId), eq(slotLoads.startsAt, startsAt), sql`${slotLoads.held} > 0`),
    );
}

/** A held seat becomes a booked one (an accepted offer); false when the slot holds none. */
export async function bookHeldSeat(tx: Queryable, offeringId: string, startsAt: Date) {
  const rows = await tx
    .update(slotLoads)
    .set({ held: sql`${slotLoads.held} - 1`, booked: sql`${slotLoads.booked} + 1` })
    .where(
      and(eq(slotLoads.offeringId, offeringId), eq(slotLoads.startsAt, startsAt), sql`${slotLoads.held} > 0`),
    )
    .returning({ held: slotLoads.held });
  return rows.length > 0;
}

export async function insertHold(tx: Queryable, values: typeof seatHolds.$inferInsert) {
  const [row] = await tx.insert(seatHolds).values(values).returning();
  if (!row) throw new Error('seat hold not inserted');
  return row;
}

export async function findHold(q: Queryable, id: string) {
  const [row] = await q.select().from(seatHolds).where(eq(seatHolds.id, id));
  return row;
}

export async function findHoldByToken(q: Queryable, tokenHash: string) {
  const [row] = await q.select().from(seatHolds).where(eq(seatHolds.tokenHash, tokenHash));
  return row;
}

export async function lockHold(tx: Queryable, id: string) {
  const [row] = await tx.select().from(seatHolds).where(eq(seatHolds.id, id)).for('update');
  return row;
}

export async function findActiveOffer(q: Queryable, entryId: string) {
  const [row] = await q
    .select()
    .from(seatHolds)
    .where(and(eq(seatHolds.entryId, entryId), eq(seatHolds.status, 'active')));
  return row;
}

/** The newest active holds of a slot first (they give way first when capacity is cut). */
export async function lockActiveHolds(tx: Queryable, offeringId: string, startsAt: Date, limit: number) {
  return tx
    .select()
    .from(seatHolds)
    .where(
      and(
        eq(seatHolds.offeringId, offeringId),
        eq(seatHolds.startsAt, startsAt),
        eq(seatHolds.status, 'active'),
      ),
    )
    .orderBy(desc(seatHolds.createdAt), desc(seatHolds.id))
    .limit(limit)
    .for('update');
}

export async function endHold(
  tx: Queryable,
  id: string,
  set: { status: HoldStatus; decidedAt: Date; bookingId?: string },
) {
  await tx.update(seatHolds).set(set).where(eq(seatHolds.id, id));
}

export async function findBookingReference(q: Queryable, id: string | null) {
  if (!id) return null;
  const [row] = await q.select({ reference: bookings.reference }).from(bookings).where(eq(bookings.id, id));
  return row?.reference ?? null;
}

/** Per service: entries waiting and offered now (not counting those whose dates ended before `since`). */
export async function countActiveByService(q: Queryable, since: string) {
  return q
    .select({
      serviceId: waitlistEntries.serviceId,
      waiting: sql<number>`count(*) FILTER (WHERE ${waitlistEntries.status} = 'waiting')::int`,
      offered: sql<number>`count(*) FILTER (WHERE ${waitlistEntries.status} = 'offered')::int`,
    })
    .from(waitlistEntries)
    .where(
      and(
        inArray(waitlistEntries.status, ['waiting', 'offered']),
        sql`${waitlistEntries.toDate} >= ${since}`,
      ),
    )
    .groupBy(waitlistEntries.serviceId);
}

/** Per service: seats booked through an offer and the median minutes from freeing to that booking. */
export async function refillByService(q: Queryable, centreIds: string[] | null) {
  return q
    .select({
      serviceId: offerings.serviceId,
      filled: sql<number>`count(*)::int`,
      median: sql<
        number | null
      >`percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (${seatHolds.decidedAt} - ${seatHolds.freedAt})) / 60)`,
    })
    .from(seatHolds)
    .innerJoin(offerings, eq(offerings.id, seatHolds.offeringId))
    .where(
      and(eq(seatHolds.status, 'accepted'), centreIds ? inArray(offerings.centreId, centreIds) : undefined),
    )
    .groupBy(offerings.serviceId);
}

/** Offers, newest first, with the entry's masked contact source. */
export async function listOffers(
  q: Queryable,
  filter: { serviceId?: string | undefined; centreIds: string[] | null; limit: number },
) {
  return q
    .select({
      hold: seatHolds,
      centreId: offerings.centreId,
      serviceId: offerings.serviceId,
      mobile: waitlistEntries.contactMobile,
      bookingReference: bookings.reference,
    })
    .from(seatHolds)
    .innerJoin(offerings, eq(offerings.id, seatHolds.offeringId))
    .innerJoin(waitlistEntries, eq(waitlistEntries.id, seatHolds.entryId))
    .leftJoin(bookings, eq(bookings.id, seatHolds.bookingId))
    .where(
      and(
        eq(seatHolds.kind, 'offer'),
        filter.serviceId ? eq(offerings.serviceId, filter.serviceId) : undefined,
        filter.centreIds ? inArray(offerings.centreId, filter.centreIds) : undefined,
      ),
    )
    .orderBy(desc(seatHolds.createdAt), desc(seatHolds.id))
    .limit(filter.limit);
}
