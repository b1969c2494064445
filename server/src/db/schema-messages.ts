import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { jobs } from './schema-jobs';

export const MESSAGE_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Every SMS and e-mail owed to a person, written with the change that owes it; a job delivers
 * it. The recipient and content (which may hold a manage token or a code) are sealed with the
 * data key; staff see the kind, the masked recipient, the state and the reason of a failure.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    channel: text({ enum: ['sms', 'email'] }).notNull(),
    language: text({ enum: ['en', 'ar'] }).notNull(),
    /** The booking it is about, when it is about one (not a foreign key: retention may purge it). */
    bookingId: uuid(),
    recipientMasked: text().notNull(),
    contentSealed: text().notNull(),
    status: text({ enum: MESSAGE_STATUSES }).notNull().default('pending'),
    jobId: uuid().references(() => jobs.id, { onDelete: 'set null' }),
    /** At most one message per key: a reminder for one booking, start and channel. */
    dedupeKey: text(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.status, t.createdAt),
    index().on(t.bookingId),
    uniqueIndex('messages_dedupe_key').on(t.dedupeKey).where(sql`${t.dedupeKey} IS NOT NULL`),
    check('messages_status', sql`${t.status} IN ('pending', 'sent', 'failed', 'skipped')`),
  ],
);

/** What the `dev` transport delivered: the developer inbox of `npm start`. */
export const devInbox = pgTable('dev_inbox', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  messageId: uuid().notNull(),
  channel: text({ enum: ['sms', 'email'] }).notNull(),
  recipient: text().notNull(),
  subject: text(),
  body: text().notNull(),
  attachments: jsonb().$type<{ filename: string; contentType: string; content: string }[]>().notNull(),
  deliveredAt: timestamp({ withTimezone: true }).notNull(),
});
