import type { Bilingual, CapacityRule, OpeningInterval, WeeklyHours } from '@mawaeed/core/schedule/types';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
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

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const centres = pgTable('centres', {
  id: uuid().primaryKey().defaultRandom(),
  /** A short stable key for imports and the CLI ("isa-town"). */
  code: text().notNull().unique(),
  name: jsonb().$type<Bilingual>().notNull(),
  address: jsonb().$type<Bilingual>().notNull(),
  phone: text().notNull(),
  lat: doublePrecision().notNull(),
  lng: doublePrecision().notNull(),
  timeZone: text().notNull(),
  weeklyHours: jsonb().$type<WeeklyHours>().notNull(),
  active: boolean().notNull().default(true),
  createdAt: createdAt(),
});

/** Hours that replace a centre's week for a date range (Ramadan). */
export const specialPeriods = pgTable(
  'special_periods',
  {
    id: uuid().primaryKey().defaultRandom(),
    centreId: uuid()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    name: jsonb().$type<Bilingual>().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    weeklyHours: jsonb().$type<WeeklyHours>().notNull(),
    provisional: boolean().notNull().default(false),
  },
  (t) => [
    index().on(t.centreId, t.endsOn),
    check('special_periods_range', sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

/** A closed or half day: national when centre_id is null, else for one centre. */
export const closures = pgTable(
  'closures',
  {
    id: uuid().primaryKey().defaultRandom(),
    centreId: uuid().references(() => centres.id, { onDelete: 'cascade' }),
    date: date({ mode: 'string' }).notNull(),
    kind: text({ enum: ['holiday', 'closure'] }).notNull(),
    name: jsonb().$type<Bilingual>().notNull(),
    openHours: jsonb().$type<OpeningInterval[]>(),
    provisional: boolean().notNull().default(false),
  },
  (t) => [
    index().on(t.date),
    uniqueIndex('closures_centre_date').on(t.centreId, t.date).where(sql`${t.centreId} IS NOT NULL`),
    uniqueIndex('closures_national_date').on(t.date).where(sql`${t.centreId} IS NULL`),
    check('closures_kind', sql`${t.kind} IN ('holiday', 'closure')`),
  ],
);

export const services = pgTable(
  'services',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    /** Ticket letter in the hall: P-017. */
    letter: text().notNull(),
    name: jsonb().$type<Bilingual>().notNull(),
    description: jsonb().$type<Bilingual>().notNull(),
    durationMinutes: integer().notNull(),
    documents: jsonb().$type<{ en: string[]; ar: string[] }>().notNull(),
    walkIns: boolean().notNull().default(false),
    minLeadMinutes: integer().notNull().default(60),
    maxDaysAhead: integer().notNull().default(60),
    perPersonLimit: integer().notNull().default(1),
    sortOrder: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    check('services_duration', sql`${t.durationMinutes} > 0`),
    check('services_window', sql`${t.minLeadMinutes} >= 0 AND ${t.maxDaysAhead} >= 0`),
    check('services_limit', sql`${t.perPersonLimit} >= 1`),
    check('services_letter', sql`${t.letter} ~ '^[A-Z]$'`),
  ],
);

/** A service at a centre: its slot length and capacity (parallel counters) by time of day. */
export const offerings = pgTable(
  'offerings',
  {
    id: uuid().primaryKey().defaultRandom(),
    centreId: uuid()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    slotMinutes: integer().notNull(),
    capacity: integer().notNull(),
    capacityRules: jsonb().$type<CapacityRule[]>().notNull().default([]),
    active: boolean().notNull().default(true),
  },
  (t) => [
    uniqueIndex('offerings_centre_service').on(t.centreId, t.serviceId),
    check('offerings_slot', sql`${t.slotMinutes} > 0`),
    check('offerings_capacity', sql`${t.capacity} >= 0`),
  ],
);

/**
 * Seats taken per slot. A row appears with the slot's first booking; a booking takes its seat
 * with a guarded upsert (booked < capacity), so the database itself never lets a slot overfill.
 */
export const slotLoads = pgTable(
  'slot_loads',
  {
    offeringId: uuid()
      .notNull()
      .references(() => offerings.id, { onDelete: 'cascade' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    capacity: integer().notNull(),
    booked: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.offeringId, t.startsAt] }),
    check('slot_loads_within_capacity', sql`${t.booked} >= 0 AND ${t.booked} <= ${t.capacity}`),
  ],
);
