import type { PartOfDay } from '@mawaeed/core/waitlist/matching';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bookings, customers, offerings, services } from './schema';

export const ENTRY_STATUSES = ['waiting', 'offered', 'booked', 'left'] as const;

/**
 * A person waiting for a seat of a service: which centres, dates and parts of the day they accept.
 * The person is a customer row (CPR as keyed hash + ciphertext, as for bookings); the mobile was
 * verified when joining. At most one active entry per person and service (a unique partial index).
 */
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The joining order, which decides who is offered a seat first (times can tie; this cannot). */
    seq: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    /** Drawn at random when the entry joins: the offer order when MAWAEED_WAITLIST_ORDER=lottery. */
    draw: bigint({ mode: 'number' }).notNull().default(0),
    serviceId: uuid()
      .notNull()
      .references(() => services.id),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    centreIds: jsonb().$type<string[]>().notNull(),
    fromDate: date({ mode: 'string' }).notNull(),
    toDate: date({ mode: 'string' }).notNull(),
    timesOfDay: jsonb().$type<PartOfDay[]>().notNull(),
    status: text({ enum: ENTRY_STATUSES }).notNull(),
    contactName: text().notNull(),
    contactMobile: text().notNull(),
    contactEmail: text(),
    language: text({ enum: ['en', 'ar'] }).notNull(),
    joinedAt: timestamp({ withTimezone: true }).notNull(),
    bookingId: uuid().references(() => bookings.id),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('waitlist_entries_one_active')
      .on(t.customerId, t.serviceId)
      .where(sql`${t.status} IN ('waiting', 'offered')`),
    index('waitlist_entries_queue').on(t.serviceId, t.status, t.seq),
    check('waitlist_entries_status', sql`${t.status} IN ('waiting', 'offered', 'booked', 'left')`),
    check('waitlist_entries_range', sql`${t.fromDate} <= ${t.toDate}`),
  ],
);

/** Hashes of the tokens that open a waitlist entry (the link in the joining message). */
export const waitlistTokens = pgTable('waitlist_tokens', {
  id: uuid().primaryKey().defaultRandom(),
  entryId: uuid()
    .notNull()
    .references(() => waitlistEntries.id, { onDelete: 'cascade' }),
  tokenHash: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const HOLD_KINDS = ['offer', 'release'] as const;
export const HOLD_STATUSES = [
  'active',
  'accepted',
  'declined',
  'expired',
  'withdrawn',
  'released',
  'passed',
] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

/**
 * A freed seat held back from public availability (counted in slot_loads.held): an offer to one
 * waitlist entry, or a release waiting for its random delay. When one ends, the seat passes to the
 * next matching entry (a new row, same freed_at) or back to availability. Offer rows are the
 * offer history staff see.
 */
export const seatHolds = pgTable(
  'seat_holds',
  {
    id: uuid().primaryKey().defaultRandom(),
    offeringId: uuid()
      .notNull()
      .references(() => offerings.id, { onDelete: 'cascade' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    kind: text({ enum: HOLD_KINDS }).notNull(),
    entryId: uuid().references(() => waitlistEntries.id, { onDelete: 'cascade' }),
    status: text({ enum: HOLD_STATUSES }).notNull().default('active'),
    /** The offer link's token, hashed; null for a release. */
    tokenHash: text().unique(),
    /** When the seat was first freed (kept along the chain: time to re-booking). */
    freedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    decidedAt: timestamp({ withTimezone: true }),
    bookingId: uuid().references(() => bookings.id),
  },
  (t) => [
    index('seat_holds_slot').on(t.offeringId, t.startsAt),
    index('seat_holds_entry').on(t.entryId),
    index('seat_holds_active').on(t.expiresAt).where(sql`${t.status} = 'active'`),
    check('seat_holds_kind', sql`${t.kind} IN ('offer', 'release')`),
    check('seat_holds_offer', sql`(${t.kind} = 'offer') = (${t.entryId} IS NOT NULL)`),
    check(
      'seat_holds_status',
      sql`${t.status} IN ('active', 'accepted', 'declined', 'expired', 'withdrawn', 'released', 'passed')`,
    ),
  ],
);
