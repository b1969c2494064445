import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { bookings, devInbox, jobs, type MessageStatus, messages } from '../../db/schema';

export type MessageRow = typeof messages.$inferSelect;

/** Adds a message; with its dedupe key already taken, nothing (undefined). */
export async function insertMessage(tx: Queryable, values: typeof messages.$inferInsert) {
  const [row] = await tx
    .insert(messages)
    .values(values)
    .onConflictDoNothing({ target: messages.dedupeKey, where: sql`${messages.dedupeKey} IS NOT NULL` })
    .returning({ id: messages.id });
  return row?.id;
}

export async function setMessageJob(tx: Queryable, id: string, jobId: string) {
  await tx.update(messages).set({ jobId }).where(eq(messages.id, id));
}

export async function findMessage(db: Queryable, id: string) {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row;
}

/** Moves a message on from `pending` only, so a late duplicate never rewrites its outcome. */
export async function settleMessage(
  db: Queryable,
  id: string,
  set: { status: MessageStatus; sentAt?: Date; lastError?: string | null },
) {
  await db
    .update(messages)
    .set(set)
    .where(and(eq(messages.id, id), eq(messages.status, 'pending')));
}

export async function reopenFailedMessage(tx: Queryable, id: string) {
  const [row] = await tx
    .update(messages)
    .set({ status: 'pending', lastError: null })
    .where(and(eq(messages.id, id), eq(messages.status, 'failed')))
    .returning({ jobId: messages.jobId });
  return row;
}

/** Messages for staff, newest first, with their booking's reference and delivery progress. */
export async function listMessages(db: Queryable, filter: { status?: MessageStatus; limit: number }) {
  return db
    .select({
      id: messages.id,
      kind: messages.kind,
      channel: messages.channel,
      language: messages.language,
      recipient: messages.recipientMasked,
      status: messages.status,
      reference: bookings.reference,
      attempts: jobs.attempts,
      lastError: sql<string | null>`coalesce(${messages.lastError}, ${jobs.lastError})`,
      nextAttemptAt: sql<Date | null>`CASE WHEN ${messages.status} = 'pending' THEN ${jobs.runAt} END`,
      createdAt: messages.createdAt,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .leftJoin(jobs, eq(jobs.id, messages.jobId))
    .leftJoin(bookings, eq(bookings.id, messages.bookingId))
    .where(filter.status ? eq(messages.status, filter.status) : undefined)
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(filter.limit);
}

export async function insertDevDelivery(db: Queryable, values: typeof devInbox.$inferInsert) {
  await db.insert(devInbox).values(values);
}

export async function listDevInbox(db: Queryable, limit: number) {
  return db.select().from(devInbox).orderBy(desc(devInbox.id)).limit(limit);
}
