import type { Bilingual, CapacityRule, OpeningInterval, WeeklyHours } from '@mawaeed/core/schedule/types';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
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
  /** The hall's call policy (core/queue/call-policy.ts): priority tickets before everyone. */
  callPriorityFirst: boolean().notNull().default(true),
  /** The hall's call policy: a walk-in waiting this long goes before due appointments. */
  walkInMaxWaitMinutes: integer().notNull().default(30),
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
    /** Check-in opens this long before the appointment and closes this long after it. */
    checkInEarlyMinutes: integer().notNull().default(30),
    checkInLateMinutes: integer().notNull().default(15),
    sortOrder: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    check('services_duration', sql`${t.durationMinutes} > 0`),
    check('services_window', sql`${t.minLeadMinutes} >= 0 AND ${t.maxDaysAhead} >= 0`),
    check('services_limit', sql`${t.perPersonLimit} >= 1`),
    check('services_check_in', sql`${t.checkInEarlyMinutes} >= 0 AND ${t.checkInLateMinutes} >= 0`),
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
    /** Walk-in tickets a day for this service here; null: no limit (while the service takes walk-ins). */
    walkInDailyCapacity: integer(),
    active: boolean().notNull().default(true),
  },
  (t) => [
    uniqueIndex('offerings_centre_service').on(t.centreId, t.serviceId),
    check('offerings_slot', sql`${t.slotMinutes} > 0`),
    check('offerings_capacity', sql`${t.capacity} >= 0`),
    check('offerings_walk_ins', sql`${t.walkInDailyCapacity} IS NULL OR ${t.walkInDailyCapacity} >= 0`),
  ],
);

/**
 * Seats taken per slot. A row appears with the slot's first booking; a booking takes its seat
 * with a guarded upsert (booked < capacity), so the database itself never lets a slot overfill.
 */
/**
 * One row whose number moves on every change to what an availability answer is made of apart
 * from the seats: centres, services, offerings, closures and special periods (statement
 * triggers, migration 0016). The availability cache checks it with the seats on every request.
 */
export const catalogueVersion = pgTable('catalogue_version', {
  id: smallint().primaryKey().default(1),
  version: bigint({ mode: 'number' }).notNull().default(0),
});

export const slotLoads = pgTable(
  'slot_loads',
  {
    offeringId: uuid()
      .notNull()
      .references(() => offerings.id, { onDelete: 'cascade' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    capacity: integer().notNull(),
    booked: integer().notNull().default(0),
    /** Seats held for a waitlist offer or a delayed release (seat_holds): nobody else may book them. */
    held: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.offeringId, t.startsAt] }),
    check(
      'slot_loads_within_capacity',
      sql`${t.booked} >= 0 AND ${t.held} >= 0 AND ${t.booked} + ${t.held} <= ${t.capacity}`,
    ),
  ],
);

/**
 * A person, by CPR. The CPR itself is never stored readable: a keyed HMAC finds the row and
 * enforces limits, an AES-256-GCM ciphertext lets authorised staff read it back.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid().primaryKey().defaultRandom(),
    cprHash: text().notNull().unique(),
    cprCipher: text().notNull(),
    name: text().notNull(),
    mobile: text().notNull(),
    email: text(),
    language: text({ enum: ['en', 'ar'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Set when the file was anonymised (data-subject request or retention): contact and CPR wiped. */
    anonymisedAt: timestamp({ withTimezone: true }),
  },
  // Staff find a file by mobile (customer files).
  (t) => [index().on(t.mobile)],
);

export const BOOKING_STATUS_SQL = sql`('confirmed', 'checked_in', 'served', 'cancelled', 'no_show')`;

export const bookings = pgTable(
  'bookings',
  {
    id: uuid().primaryKey().defaultRandom(),
    reference: text().notNull().unique(),
    centreId: uuid()
      .notNull()
      .references(() => centres.id),
    serviceId: uuid()
      .notNull()
      .references(() => services.id),
    offeringId: uuid()
      .notNull()
      .references(() => offerings.id),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    status: text({ enum: ['confirmed', 'checked_in', 'served', 'cancelled', 'no_show'] }).notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    /** How the booking arrived: the portal, the API, a partner system or staff. */
    channel: text().notNull(),
    /** The contact given with this booking (the customer row keeps the latest). */
    contactName: text().notNull(),
    contactMobile: text().notNull(),
    contactEmail: text(),
    language: text({ enum: ['en', 'ar'] }).notNull(),
    cancelReason: text(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.offeringId, t.startsAt),
    index().on(t.centreId, t.startsAt),
    // The dashboard across every centre counts a period's bookings (decision 0018).
    index('bookings_starts_at').on(t.startsAt),
    index().on(t.customerId, t.serviceId),
    check('bookings_status', sql`${t.status} IN ${BOOKING_STATUS_SQL}`),
    check('bookings_span', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

/** Hashes of the tokens that open a booking: the one from booking, and one per later access. */
export const bookingTokens = pgTable('booking_tokens', {
  id: uuid().primaryKey().defaultRandom(),
  bookingId: uuid()
    .notNull()
    .references(() => bookings.id, { onDelete: 'cascade' }),
  tokenHash: text().notNull().unique(),
  source: text({ enum: ['booking', 'access'] }).notNull(),
  createdAt: createdAt(),
});

/** Every change of a booking, appended; never updated, but for erasure wiping the reason given (a person's words). */
export const bookingHistory = pgTable(
  'booking_history',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    bookingId: uuid()
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    event: text().notNull(),
    fromStatus: text(),
    toStatus: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    previousStartsAt: timestamp({ withTimezone: true }),
    actor: text().notNull(),
    reason: text(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.bookingId, t.id)],
);

/**
 * Active bookings per person and service, taken with a guarded upsert (active < the service's
 * limit) in the booking's transaction: two requests at once can never both pass the limit.
 */
export const personHolds = pgTable(
  'person_holds',
  {
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    active: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.serviceId] }),
    check('person_holds_active', sql`${t.active} >= 0`),
  ],
);

/** Answers to retried writes, per route scope and key, kept 24 hours. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    responseStatus: integer().notNull(),
    responseBody: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index().on(t.createdAt)],
);

/** Proof-of-work answers already used, kept until their challenge expires: no replay. */
export const captchaUses = pgTable(
  'captcha_uses',
  {
    signature: text().primaryKey(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.expiresAt)],
);

export * from './schema-customer-files';
export * from './schema-dashboard';
export * from './schema-insight';
export * from './schema-integrations';
export * from './schema-jobs';
export * from './schema-messages';
export * from './schema-rate-limits';
export * from './schema-verifications';
