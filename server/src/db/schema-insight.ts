import { sql } from 'drizzle-orm';
import { check, index, pgTable, real, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { centres, customers, services } from './schema';
import { staff } from './schema-staff';

const at = () => timestamp({ withTimezone: true });

/**
 * A one-use invitation to rate a served visit, valid 7 days. The link's token is stored hashed;
 * the visit's facts are copied here when the visit ends, so the answer is tied to its centre,
 * service, counter, agent and waiting time even after the ticket rows age out.
 */
export const feedbackInvitations = pgTable(
  'feedback_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique(),
    ticketId: uuid().notNull().unique(),
    centreId: uuid()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id),
    /** No foreign keys: the visit's facts outlive counters and staff accounts. */
    counterId: uuid(),
    staffId: uuid(),
    customerId: uuid().references(() => customers.id, { onDelete: 'set null' }),
    waitingMinutes: real(),
    language: text({ enum: ['en', 'ar'] }).notNull(),
    visitedAt: at().notNull(),
    expiresAt: at().notNull(),
    usedAt: at(),
  },
  (t) => [index().on(t.expiresAt)],
);

/** One answer per invitation: three 1–5 ratings and an optional comment, with the visit's facts. */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid().primaryKey().defaultRandom(),
    invitationId: uuid()
      .notNull()
      .unique()
      .references(() => feedbackInvitations.id, { onDelete: 'cascade' }),
    centreId: uuid()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    serviceId: uuid().notNull(),
    counterId: uuid(),
    staffId: uuid(),
    customerId: uuid().references(() => customers.id, { onDelete: 'set null' }),
    waitingMinutes: real(),
    performance: smallint().notNull(),
    organisation: smallint().notNull(),
    quality: smallint().notNull(),
    comment: text(),
    language: text({ enum: ['en', 'ar'] }).notNull(),
    visitedAt: at().notNull(),
    createdAt: at().notNull(),
  },
  (t) => [
    index().on(t.centreId, t.visitedAt),
    // The dashboard across every centre reads a period of visits (decision 0018).
    index('feedback_visited_at').on(t.visitedAt),
    check(
      'feedback_ratings',
      sql`${t.performance} BETWEEN 1 AND 5 AND ${t.organisation} BETWEEN 1 AND 5 AND ${t.quality} BETWEEN 1 AND 5`,
    ),
  ],
);

/** A low rating (2 or less on any dimension) asks the centre's manager to act; closed with a note. */
export const followUps = pgTable(
  'follow_ups',
  {
    id: uuid().primaryKey().defaultRandom(),
    feedbackId: uuid()
      .notNull()
      .unique()
      .references(() => feedback.id, { onDelete: 'cascade' }),
    centreId: uuid()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    customerId: uuid().references(() => customers.id, { onDelete: 'set null' }),
    status: text({ enum: ['open', 'closed'] }).notNull(),
    note: text(),
    closedBy: uuid().references(() => staff.id, { onDelete: 'set null' }),
    createdAt: at().notNull(),
    closedAt: at(),
  },
  (t) => [
    index().on(t.centreId, t.status),
    check(
      'follow_ups_closed',
      sql`${t.status} = 'open' OR (${t.note} IS NOT NULL AND ${t.closedAt} IS NOT NULL)`,
    ),
  ],
);

/** The self-assessment targets, one per KPI, set by administrators (all centres alike). */
export const kpiTargets = pgTable('kpi_targets', {
  kpi: text().primaryKey(),
  target: real().notNull(),
  updatedBy: uuid().references(() => staff.id, { onDelete: 'set null' }),
  updatedAt: at().notNull(),
});
