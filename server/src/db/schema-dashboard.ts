import {
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { centres } from './schema';

const day = () => date({ mode: 'string' }).notNull();
const centreId = () =>
  uuid()
    .notNull()
    .references(() => centres.id, { onDelete: 'cascade' });

/**
 * The dashboard's rollup (decision 0021): per centre and local day, once the day is over, the
 * figures of its visits summed, and its waits and service times kept exactly for the
 * percentiles. A day listed here and not in dashboard_stale_days is read from the rollup;
 * any other is read from the tickets, as before.
 */
export const dashboardDays = pgTable(
  'dashboard_days',
  {
    centreId: centreId(),
    day: day(),
    builtAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.day] }), index().on(t.day)],
);

/**
 * A built day that changed since (a late call or finish, feedback): read raw until rebuilt.
 * The change's own transaction bumps `changes`, which locks the row, so a rebuild that deletes
 * it waits for that change to commit and then reads it.
 */
export const dashboardStaleDays = pgTable(
  'dashboard_stale_days',
  {
    centreId: centreId(),
    day: day(),
    changes: integer().notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.day] })],
);

export const DASHBOARD_ROLLUP_KINDS = ['centre', 'service', 'counter'] as const;

/**
 * One row per centre, day and kind: the whole centre (key = the centre), each service (key =
 * the service) and each counter (key = the counter). Waits and service times are Int32Array
 * milliseconds (each an exact whole number of them) and the calls' (weekday, hour) cells a
 * Uint8Array, base64: a year of every centre is millions of values.
 */
export const dashboardVisitDays = pgTable(
  'dashboard_visit_days',
  {
    centreId: centreId(),
    day: day(),
    kind: text({ enum: DASHBOARD_ROLLUP_KINDS }).notNull(),
    key: uuid().notNull(),
    visits: integer().notNull(),
    complianceDue: integer().notNull(),
    complianceKept: integer().notNull(),
    waits: text().notNull(),
    cells: text().notNull(),
    services: text().notNull(),
    /** Staffed counter milliseconds of the day (centre and counter rows). */
    staffedMs: doublePrecision().notNull(),
    rated: integer().notNull(),
    performance: integer().notNull(),
    organisation: integer().notNull(),
    quality: integer().notNull(),
    satisfied: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.day, t.kind, t.key] }), index().on(t.kind, t.key, t.day)],
);

/** Bookings per centre, day, service and status, with the latest start (as listBookings reads them). */
export const dashboardBookingDays = pgTable(
  'dashboard_booking_days',
  {
    centreId: centreId(),
    day: day(),
    serviceId: uuid().notNull(),
    status: text().notNull(),
    count: integer().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.day, t.serviceId, t.status] }), index().on(t.day)],
);
