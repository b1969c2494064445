import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const JOB_STATUSES = ['pending', 'done', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Background work, written in the same transaction as the change that owes it (the outbox). A
 * worker claims due rows with FOR UPDATE SKIP LOCKED and a lease (locked_until, lock_token): the
 * claim commits at once, so no transaction stays open while a message travels, and a worker that
 * dies mid-job lets the lease lapse for another to take over. Every claim counts as an attempt;
 * after max_attempts the job is dead (the dead letter) and waits for a person to retry it.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: JOB_STATUSES }).notNull().default('pending'),
    runAt: timestamp({ withTimezone: true }).notNull(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull(),
    lockedUntil: timestamp({ withTimezone: true }),
    lockToken: uuid(),
    lastError: text(),
    /** At most one job per key, ever: a daily job's key holds its date, so one instance runs it. */
    dedupeKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('jobs_due').on(t.runAt).where(sql`${t.status} = 'pending'`),
    uniqueIndex('jobs_dedupe_key').on(t.dedupeKey).where(sql`${t.dedupeKey} IS NOT NULL`),
    check('jobs_status', sql`${t.status} IN ('pending', 'done', 'dead')`),
    check('jobs_attempts', sql`${t.attempts} >= 0 AND ${t.maxAttempts} >= 1`),
  ],
);
