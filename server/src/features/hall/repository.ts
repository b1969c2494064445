import { type CallPolicy, DEFAULT_CALL_POLICY } from '@mawaeed/core/queue/call-policy';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../db/client';
import { bookings, centres, offerings, services } from '../../db/schema';
import {
  counterSessions,
  customerNotes,
  hallDays,
  hallEvents,
  ticketHistory,
  tickets,
} from '../../db/schema-hall';
import { counterServices, counters } from '../../db/schema-staff';

export type TicketRow = typeof tickets.$inferSelect;
export const HALL_CHANNEL = 'mawaeed_hall';

/** The next number of a service's queue on a day; the row lock orders concurrent issues. */
export async function nextSequence(tx: Queryable, key: { centreId: string; serviceId: string; day: string }) {
  const [row] = await tx
    .insert(hallDays)
    .values({ ...key, lastSequence: 1 })
    .onConflictDoUpdate({
      target: [hallDays.centreId, hallDays.serviceId, hallDays.day],
      set: { lastSequence: sql`${hallDays.lastSequence} + 1` },
    })
    .returning({ sequence: hallDays.lastSequence });
  if (!row) throw new Error('ticket sequence upsert returned nothing');
  return row.sequence;
}

/** One more walk-in of the day, unless that passes the capacity (null: no limit). */
export async function takeWalkIn(
  tx: Queryable,
  key: { centreId: string; serviceId: string; day: string },
  capacity: number | null,
) {
  if (capacity !== null && capacity <= 0) return false;
  const rows = await tx
    .insert(hallDays)
    .values({ ...key, walkIns: 1 })
    .onConflictDoUpdate({
      target: [hallDays.centreId, hallDays.serviceId, hallDays.day],
      set: { walkIns: sql`${hallDays.walkIns} + 1` },
      ...(capacity === null ? {} : { setWhere: sql`${hallDays.walkIns} < ${capacity}` }),
    })
    .returning({ walkIns: hallDays.walkIns });
  return rows.length > 0;
}

export async function walkInsLeft(
  q: Queryable,
  key: { centreId: string; serviceId: string; day: string },
  capacity: number | null,
) {
  if (capacity === null) return true;
  const [row] = await q
    .select({ walkIns: hallDays.walkIns })
    .from(hallDays)
    .where(
      and(
        eq(hallDays.centreId, key.centreId),
        eq(hallDays.serviceId, key.serviceId),
        eq(hallDays.day, key.day),
      ),
    );
  return (row?.walkIns ?? 0) < capacity;
}

export async function insertTicket(tx: Queryable, values: typeof tickets.$inferInsert) {
  const [row] = await tx.insert(tickets).values(values).returning();
  if (!row) throw new Error('ticket insert returned nothing');
  return row;
}

/** The booking's latest ticket (after a transfer, the one it continues as). */
export async function findTicketOfBooking(q: Queryable, bookingId: string) {
  const [row] = await q
    .select()
    .from(tickets)
    .where(eq(tickets.bookingId, bookingId))
    .orderBy(desc(tickets.issuedAt), desc(tickets.sequence))
    .limit(1);
  return row;
}

export async function findTicket(q: Queryable, id: string, options: { forUpdate?: boolean } = {}) {
  const query = q.select().from(tickets).where(eq(tickets.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findTicketByToken(q: Queryable, token: string) {
  const [row] = await q.select().from(tickets).where(eq(tickets.liveToken, token));
  return row;
}

export async function updateTicket(tx: Queryable, id: string, set: Partial<typeof tickets.$inferInsert>) {
  const [row] = await tx.update(tickets).set(set).where(eq(tickets.id, id)).returning();
  if (!row) throw new Error('ticket vanished inside its transaction');
  return row;
}

export async function appendTicketHistory(tx: Queryable, values: typeof ticketHistory.$inferInsert) {
  await tx.insert(ticketHistory).values(values);
}

export async function listTicketHistory(q: Queryable, ticketId: string) {
  return q.select().from(ticketHistory).where(eq(ticketHistory.ticketId, ticketId)).orderBy(ticketHistory.id);
}

/**
 * The call policy of core/queue/call-policy.ts written as an ORDER BY, so the database picks
 * what `orderQueue` would: band (priority, starving walk-in, due appointment, walk-in, early
 * appointment), then appointment time or arrival, then arrival, then id. A property test keeps
 * the two in agreement.
 */
function callOrder(now: Date, policy: CallPolicy) {
  const starvingBefore = new Date(now.getTime() - policy.walkInMaxWaitMinutes * 60_000);
  const dueBefore = new Date(now.getTime() + policy.appointmentDueEarlyMinutes * 60_000);
  return sql`CASE
      WHEN ${tickets.priority} IS NOT NULL AND ${policy.priorityFirst}::boolean THEN 0
      WHEN ${tickets.appointmentAt} IS NULL THEN
        CASE WHEN ${tickets.queuedAt} <= ${starvingBefore.toISOString()}::timestamptz THEN 1 ELSE 3 END
      WHEN ${tickets.appointmentAt} <= ${dueBefore.toISOString()}::timestamptz THEN 2
      ELSE 4 END,
    coalesce(${tickets.appointmentAt}, ${tickets.queuedAt}), ${tickets.queuedAt}, ${tickets.id}`;
}

function waitingQuery(
  q: Queryable,
  filter: { centreId: string; serviceIds: string[]; now: Date; policy?: CallPolicy | undefined },
) {
  return q
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.centreId, filter.centreId),
        eq(tickets.status, 'waiting'),
        inArray(tickets.serviceId, filter.serviceIds),
      ),
    )
    .orderBy(callOrder(filter.now, filter.policy ?? DEFAULT_CALL_POLICY));
}

/** Waiting tickets of some of a centre's services, in the order a counter would call them. */
export async function listWaitingInCallOrder(
  q: Queryable,
  filter: { centreId: string; serviceIds: string[]; now: Date; policy?: CallPolicy | undefined },
) {
  if (filter.serviceIds.length === 0) return [];
  return waitingQuery(q, filter);
}

/**
 * Takes the next ticket for a counter: FOR UPDATE SKIP LOCKED, so two counters pressing "next"
 * at once each get a different ticket (one skips the row the other holds).
 */
export async function lockNextTicket(
  tx: Queryable,
  filter: { centreId: string; serviceIds: string[]; now: Date; policy?: CallPolicy | undefined },
) {
  if (filter.serviceIds.length === 0) return undefined;
  const [row] = await waitingQuery(tx, filter).limit(1).for('update', { skipLocked: true });
  return row;
}

/** The ticket a counter holds now (called or serving). */
export async function findCurrentTicket(q: Queryable, counterId: string) {
  const [row] = await q
    .select()
    .from(tickets)
    .where(and(eq(tickets.counterId, counterId), inArray(tickets.status, ['called', 'serving'])));
  return row;
}

/** Open tickets of a centre on or before a day: what the end-of-day sweep closes. */
export async function listOpenTicketsUpTo(
  q: Queryable,
  centreId: string,
  day: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = q
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.centreId, centreId),
        lte(tickets.day, day),
        inArray(tickets.status, ['waiting', 'called', 'serving']),
      ),
    )
    .orderBy(asc(tickets.issuedAt));
  return options.forUpdate ? query.for('update') : query;
}

export type CounterWithServices = {
  id: string;
  centreId: string;
  number: number;
  name: { en: string; ar: string };
  active: boolean;
  serviceIds: string[];
};

export async function findCounter(q: Queryable, id: string): Promise<CounterWithServices | undefined> {
  const [row] = await q.select().from(counters).where(eq(counters.id, id));
  if (!row) return undefined;
  const served = await q
    .select({ serviceId: counterServices.serviceId })
    .from(counterServices)
    .where(eq(counterServices.counterId, id));
  return { ...row, serviceIds: served.map((s) => s.serviceId).sort() };
}

/** The active counters of some centres, each with the services it serves and who has it open. */
export async function listCountersOf(q: Queryable, centreIds: string[] | 'all') {
  const rows = await q
    .select({ counter: counters, openBy: counterSessions.staffId })
    .from(counters)
    .leftJoin(
      counterSessions,
      and(eq(counterSessions.counterId, counters.id), isNull(counterSessions.closedAt)),
    )
    .where(
      and(eq(counters.active, true), centreIds === 'all' ? undefined : inArray(counters.centreId, centreIds)),
    )
    .orderBy(asc(counters.centreId), asc(counters.number));
  if (rows.length === 0) return [];
  const served = await q
    .select()
    .from(counterServices)
    .where(
      inArray(
        counterServices.counterId,
        rows.map((r) => r.counter.id),
      ),
    );
  return rows.map((r) => ({
    ...r.counter,
    openBy: r.openBy,
    serviceIds: served
      .filter((s) => s.counterId === r.counter.id)
      .map((s) => s.serviceId)
      .sort(),
  }));
}

export async function findOpenSession(q: Queryable, where: { counterId?: string; staffId?: string }) {
  const [row] = await q
    .select()
    .from(counterSessions)
    .where(
      and(
        isNull(counterSessions.closedAt),
        where.counterId ? eq(counterSessions.counterId, where.counterId) : undefined,
        where.staffId ? eq(counterSessions.staffId, where.staffId) : undefined,
      ),
    );
  return row;
}

/** Opens a session unless the counter or the agent has one open already (then undefined). */
export async function openSession(tx: Queryable, values: typeof counterSessions.$inferInsert) {
  const [row] = await tx.insert(counterSessions).values(values).onConflictDoNothing().returning();
  return row;
}

export async function closeSession(tx: Queryable, id: string, closedAt: Date) {
  const [row] = await tx
    .update(counterSessions)
    .set({ closedAt })
    .where(and(eq(counterSessions.id, id), isNull(counterSessions.closedAt)))
    .returning();
  return row;
}

export async function closeSessionsOfCentre(tx: Queryable, centreId: string, closedAt: Date) {
  return tx
    .update(counterSessions)
    .set({ closedAt })
    .where(and(eq(counterSessions.centreId, centreId), isNull(counterSessions.closedAt)))
    .returning({ id: counterSessions.id });
}

/** Counters with an open session that serve a service. */
export async function countOpenCounters(q: Queryable, centreId: string, serviceId: string) {
  const [row] = await q
    .select({ n: sql<number>`count(DISTINCT ${counterSessions.counterId})::int` })
    .from(counterSessions)
    .innerJoin(counterServices, eq(counterServices.counterId, counterSessions.counterId))
    .where(
      and(
        eq(counterSessions.centreId, centreId),
        isNull(counterSessions.closedAt),
        eq(counterServices.serviceId, serviceId),
      ),
    );
  return row?.n ?? 0;
}

/** The median minutes of the last `last` services of a service at a centre, or null if none. */
export async function medianServiceMinutes(q: Queryable, centreId: string, serviceId: string, last = 20) {
  const [row] = await queryRows<{ median: number | null }>(
    q,
    sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY m) AS median FROM (
          SELECT extract(epoch FROM finished_at - started_at) / 60 AS m FROM tickets
           WHERE centre_id = ${centreId} AND service_id = ${serviceId} AND status = 'served'
             AND started_at IS NOT NULL AND finished_at IS NOT NULL
           ORDER BY finished_at DESC LIMIT ${last}) recent`,
  );
  return row?.median === null || row?.median === undefined ? null : Number(row.median);
}

/** Every service offered at a centre with the tickets waiting for it now. */
export async function waitingByService(q: Queryable, centreId: string) {
  return queryRows<{
    service_id: string;
    letter: string;
    name: { en: string; ar: string };
    waiting: number;
  }>(
    q,
    sql`SELECT s.id AS service_id, s.letter, s.name,
               (SELECT count(*)::int FROM ${tickets} t
                 WHERE t.centre_id = o.centre_id AND t.service_id = s.id AND t.status = 'waiting') AS waiting
          FROM ${offerings} o JOIN ${services} s ON s.id = o.service_id
         WHERE o.centre_id = ${centreId} AND o.active AND s.active
         ORDER BY s.sort_order, s.letter, s.id`,
  );
}

/** People waiting now per centre (centres with nobody waiting are absent). */
export async function waitingByCentre(q: Queryable) {
  return q
    .select({ centreId: tickets.centreId, waiting: sql<number>`count(*)::int` })
    .from(tickets)
    .where(eq(tickets.status, 'waiting'))
    .groupBy(tickets.centreId);
}

/** The latest calls of a centre, newest first, with their counters. */
export async function recentCalls(q: Queryable, centreId: string, since: Date, limit = 10) {
  return q
    .select({
      number: tickets.number,
      serviceId: tickets.serviceId,
      calledAt: tickets.calledAt,
      counterNumber: counters.number,
      counterName: counters.name,
    })
    .from(tickets)
    .innerJoin(counters, eq(counters.id, tickets.counterId))
    .where(and(eq(tickets.centreId, centreId), isNotNull(tickets.calledAt), gt(tickets.calledAt, since)))
    .orderBy(desc(tickets.calledAt))
    .limit(limit);
}

export async function insertNote(tx: Queryable, values: typeof customerNotes.$inferInsert) {
  const [row] = await tx.insert(customerNotes).values(values).returning();
  if (!row) throw new Error('note insert returned nothing');
  return row;
}

/**
 * A public hall event: kept for catch-up and announced with NOTIFY, which PostgreSQL delivers
 * at commit, to every instance listening — so a rolled-back change is never announced.
 */
export async function publishEvent(
  tx: Queryable,
  event: { centreId: string; type: string; payload: Record<string, unknown>; at: Date },
) {
  const [row] = await tx.insert(hallEvents).values(event).returning({ id: hallEvents.id });
  if (!row) throw new Error('hall event insert returned nothing');
  const message = JSON.stringify({ id: String(row.id), ...event, at: event.at.toISOString() });
  await tx.execute(sql`SELECT pg_notify(${HALL_CHANNEL}, ${message})`);
  return row.id;
}

export async function listEventsAfter(q: Queryable, centreId: string, afterId: number, limit = 200) {
  return q
    .select()
    .from(hallEvents)
    .where(and(eq(hallEvents.centreId, centreId), gt(hallEvents.id, afterId)))
    .orderBy(asc(hallEvents.id))
    .limit(limit);
}

export async function lastEventId(q: Queryable, centreId: string) {
  const [row] = await q
    .select({ id: hallEvents.id })
    .from(hallEvents)
    .where(eq(hallEvents.centreId, centreId))
    .orderBy(desc(hallEvents.id))
    .limit(1);
  return row?.id ?? null;
}

export async function purgeEventsBefore(q: Queryable, before: Date) {
  await q.delete(hallEvents).where(lte(hallEvents.at, before));
}

/** What a partner is told of a ticket: codes and numbers, never the person. */
export async function ticketWebhookFacts(q: Queryable, ticket: TicketRow) {
  const [row] = await q
    .select({
      centreCode: centres.code,
      serviceCode: services.code,
      reference: bookings.reference,
      counterNumber: counters.number,
    })
    .from(centres)
    .innerJoin(services, eq(services.id, ticket.serviceId))
    .leftJoin(bookings, ticket.bookingId ? eq(bookings.id, ticket.bookingId) : sql`false`)
    .leftJoin(counters, ticket.counterId ? eq(counters.id, ticket.counterId) : sql`false`)
    .where(eq(centres.id, ticket.centreId));
  return row;
}
