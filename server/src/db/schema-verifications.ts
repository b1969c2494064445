import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One-time codes sent by SMS. Neither the code nor the mobile is stored: the code as a keyed
 * HMAC bound to the row's id, the mobile as the keyed look-up hash. `subject_hash` is what the
 * per-mobile limits count (the mobile, or the reference when a code is asked for by reference
 * and no booking has it).
 */
export const verifications = pgTable(
  'verifications',
  {
    id: uuid().primaryKey(),
    purpose: text({ enum: ['book', 'manage'] }).notNull(),
    subjectHash: text().notNull(),
    /** Null when the code was asked for a reference no booking has: it can never match. */
    mobileHash: text(),
    codeHash: text().notNull(),
    attempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.subjectHash, t.createdAt),
    check('verifications_purpose', sql`${t.purpose} IN ('book', 'manage')`),
    check('verifications_attempts', sql`${t.attempts} >= 0`),
  ],
);
