import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bookings, centres, customers, services } from './schema';
import { counters, staff } from './schema-staff';

const at = () => timestamp({ withTimezone: true });

export const TICKET_STATUS_SQL = sql`('waiting', 'called', 'serving', 'served', 'no_show', 'transferred')`;
export const PRIORITY_CATEGORIES = ['senior', 'disability', 'pregnancy'] as const;

/**
 * Per centre, service and local day: the last ticket sequence handed out and the walk-ins
 * issued. Both move with one guarded upsert, so numbers never repeat and walk-ins never pass
 * the day's capacity, whatever arrives at once (a rolled-back ticket gives its number back).
 */
export const hallDays = pgTable(
  'hall_days',
  {
    centreId: uuid()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    lastSequence: integer().notNull().default(0),
    walkIns: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.centreId, t.serviceId, t.day] }),
    check('hall_days_counts', sql`${t.lastSequence} >= 0 AND ${t.walkIns} >= 0`),
  ],
);

/** A place in a centre's queue on one local day, from a check-in, a walk-in or a transfer. */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid().primaryKey().defaultRandom(),
    centreId: uuid()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id),
    /** The centre's local day the ticket belongs to. */
    day: date({ mode: 'string' }).notNull(),
    letter: text().notNull(),
    sequence: integer().notNull(),
    /** P-017 */
    number: text().notNull(),
    bookingId: uuid().references(() => bookings.id),
    customerId: uuid().references(() => customers.id),
    kind: text({ enum: ['appointment', 'walk_in'] }).notNull(),
    /** Staff-only: never in public events or on the live ticket page. */
    priority: text({ enum: PRIORITY_CATEGORIES }),
    status: text({
      enum: ['waiting', 'called', 'serving', 'served', 'no_show', 'transferred'],
    }).notNull(),
    /** The appointment's start (the call policy orders due appointments by it). */
    appointmentAt: at(),
    /** When this ticket was issued. */
    issuedAt: at().notNull(),
    /** Its place in the queue: the first arrival, which a transfer keeps. */
    queuedAt: at().notNull(),
    calledAt: at(),
    startedAt: at(),
    finishedAt: at(),
    /** The counter that called it (and serves it). */
    counterId: uuid().references(() => counters.id),
    /** The ticket this one continues after a transfer. */
    transferredFrom: uuid(),
    /** The unguessable token of the live ticket page; moves to the new ticket on a transfer. */
    liveToken: text().unique(),
  },
  (t) => [
    uniqueIndex('tickets_number_per_day').on(t.centreId, t.serviceId, t.day, t.sequence),
    // One check-in ticket per booking; a transfer's ticket continues it.
    uniqueIndex('tickets_one_per_booking')
      .on(t.bookingId)
      .where(sql`${t.bookingId} IS NOT NULL AND ${t.transferredFrom} IS NULL`),
    // A counter holds at most one ticket at a time.
    uniqueIndex('tickets_one_per_counter').on(t.counterId).where(sql`${t.status} IN ('called', 'serving')`),
    index('tickets_queue').on(t.centreId, t.status, t.serviceId),
    index().on(t.centreId, t.day),
    // The dashboard across every centre reads a period of tickets by day (decision 0018).
    index('tickets_day').on(t.day),
    check('tickets_status', sql`${t.status} IN ${TICKET_STATUS_SQL}`),
    check('tickets_kind', sql`${t.kind} IN ('appointment', 'walk_in')`),
    check(
      'tickets_priority',
      sql`${t.priority} IS NULL OR ${t.priority} IN ('senior', 'disability', 'pregnancy')`,
    ),
  ],
);

/** Every change of a ticket, appended (a trigger refuses UPDATE and DELETE): the KPIs read it. */
export const ticketHistory = pgTable(
  'ticket_history',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** No foreign key: the history outlives what it describes, as the audit log does. */
    ticketId: uuid().notNull(),
    centreId: uuid().notNull(),
    event: text().notNull(),
    fromStatus: text(),
    toStatus: text().notNull(),
    counterId: uuid(),
    /** The agent (or receptionist); null for kiosks and the end-of-day sweep. */
    staffId: uuid(),
    /** Who acted: 'staff', 'device' or 'system'. */
    actorKind: text().notNull(),
    at: at().notNull(),
  },
  (t) => [index().on(t.ticketId, t.id), index().on(t.centreId, t.at)],
);

/** Each opening of a counter by an agent until it closes: staffed minutes for utilisation. */
export const counterSessions = pgTable(
  'counter_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    counterId: uuid()
      .notNull()
      .references(() => counters.id, { onDelete: 'cascade' }),
    centreId: uuid().notNull(),
    staffId: uuid()
      .notNull()
      .references(() => staff.id),
    openedAt: at().notNull(),
    closedAt: at(),
  },
  (t) => [
    uniqueIndex('counter_sessions_one_open').on(t.counterId).where(sql`${t.closedAt} IS NULL`),
    uniqueIndex('counter_sessions_one_per_agent').on(t.staffId).where(sql`${t.closedAt} IS NULL`),
    index().on(t.centreId, t.openedAt),
  ],
);

/** Short notes on a customer, by id (the customer-file issue shows and extends them). */
export const customerNotes = pgTable(
  'customer_notes',
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    ticketId: uuid().references(() => tickets.id, { onDelete: 'set null' }),
    staffId: uuid().references(() => staff.id, { onDelete: 'set null' }),
    text: text().notNull(),
    createdAt: at().notNull(),
  },
  (t) => [index().on(t.customerId, t.createdAt)],
);

/**
 * Public hall events, kept a while so a board that reconnects with Last-Event-ID catches up.
 * The payload is what the public sees: ticket numbers, counters, counts; nothing personal.
 */
export const hallEvents = pgTable(
  'hall_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    centreId: uuid().notNull(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    at: at().notNull(),
  },
  (t) => [index().on(t.centreId, t.id), index().on(t.at)],
);
