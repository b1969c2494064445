import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Queryable, runStatement, type Statement } from '../../db/client';
import { bookings, devInbox, jobs, type MessageStatus, messages } from '../../db/schema';

export type MessageRow = typeof messages.$inferSelect;

/**
 * Adds a message and the job that delivers it in one statement (one round trip instead of
 * three): the job is made from the inserted row, so a message left out by its dedupe key gets no
 * job; the message points at its job (the foreign key is checked at the statement's end). The
 * job's payload names the message, so both ids are drawn by the caller. The message's id, or
 * undefined.
 */
const INSERT_MESSAGE_WITH_JOB: Statement = {
  name: 'messages_insert_with_job',
  text: `WITH m AS (
    INSERT INTO messages (id, kind, channel, language, booking_id, recipient_masked, content_sealed,
      dedupe_key, created_at, job_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10)
    ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
    RETURNING id
  )
  INSERT INTO jobs (id, kind, payload, run_at, max_attempts, dedupe_key, created_at)
  SELECT $10, $11, $12::jsonb, $13::timestamptz, $14, $15, $16::timestamptz
  FROM m
  RETURNING (SELECT id FROM m) AS id`,
};

/** A message row with both ids drawn by the caller (its job's payload names it). */
export type NewMessage = typeof messages.$inferInsert & { id: string; jobId: string };

export async function insertMessageWithJob(
  tx: Queryable,
  message: NewMessage,
  job: typeof jobs.$inferInsert,
) {
  const m = message;
  const [row] = await runStatement<{ id: string }>(tx, INSERT_MESSAGE_WITH_JOB, [
    m.id,
    m.kind,
    m.channel,
    m.language,
    m.bookingId ?? null,
    m.recipientMasked,
    m.contentSealed,
    m.dedupeKey ?? null,
    m.createdAt.toISOString(),
    m.jobId,
    job.kind,
    JSON.stringify(job.payload),
    job.runAt.toISOString(),
    job.maxAttempts,
    job.dedupeKey ?? null,
    job.createdAt.toISOString(),
  ]);
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

/** What staff may know of a message before acting on it: never its content or recipient. */
export async function findMessageForStaff(tx: Queryable, id: string) {
  const [row] = await tx
    .select({
      kind: messages.kind,
      channel: messages.channel,
      lastError: messages.lastError,
      centreId: bookings.centreId,
    })
    .from(messages)
    .leftJoin(bookings, eq(bookings.id, messages.bookingId))
    .where(eq(messages.id, id));
  return row;
}

export async function reopenFailedMessage(tx: Queryable, id: string) {
  const [row] = await tx
    .update(messages)
    .set({ status: 'pending', lastError: null })
    .where(and(eq(messages.id, id), eq(messages.status, 'failed')))
    .returning({ jobId: messages.jobId });
  return row;
}

/**
 * Messages for staff, newest first, with their booking's reference and delivery progress.
 * `centreIds` keeps only messages about bookings of those centres (a manager's view, or the
 * page's centre filter); without it every message, one-time codes included.
 */
export async function listMessages(
  db: Queryable,
  filter: { status?: MessageStatus; centreIds?: string[]; limit: number },
) {
  return db
    .select({
      id: messages.id,
      kind: messages.kind,
      channel: messages.channel,
      language: messages.language,
      recipient: messages.recipientMasked,
      status: messages.status,
      reference: bookings.reference,
      centreId: bookings.centreId,
      attempts: jobs.attempts,
      lastError: sql<string | null>`coalesce(${messages.lastError}, ${jobs.lastError})`,
      nextAttemptAt: sql<Date | null>`CASE WHEN ${messages.status} = 'pending' THEN ${jobs.runAt} END`,
      createdAt: messages.createdAt,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .leftJoin(jobs, eq(jobs.id, messages.jobId))
    .leftJoin(bookings, eq(bookings.id, messages.bookingId))
    .where(
      and(
        filter.status ? eq(messages.status, filter.status) : undefined,
        filter.centreIds
          ? filter.centreIds.length > 0
            ? inArray(bookings.centreId, filter.centreIds)
            : sql`false`
          : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(filter.limit);
}

/**
 * At most one delivery per message id. The outbox delivers at least once: a process killed after
 * the transport took a message but before the message was marked sent hands it over again after
 * the restart, so the dev inbox dedupes by id as a provider honouring an idempotency key does.
 */
export async function insertDevDelivery(db: Queryable, values: typeof devInbox.$inferInsert) {
  await db.execute(sql`
    INSERT INTO dev_inbox (message_id, channel, recipient, subject, body, attachments, delivered_at)
    SELECT ${values.messageId}::uuid, ${values.channel}, ${values.recipient}, ${values.subject ?? null},
           ${values.body}, ${JSON.stringify(values.attachments)}::jsonb, ${values.deliveredAt.toISOString()}::timestamptz
     WHERE NOT EXISTS (SELECT 1 FROM dev_inbox WHERE message_id = ${values.messageId}::uuid)`);
}

/** The dev transport's deliveries, newest first, with their message's language. */
export async function listDevInbox(db: Queryable, limit: number) {
  return db
    .select({ delivery: devInbox, language: messages.language })
    .from(devInbox)
    .leftJoin(messages, eq(messages.id, devInbox.messageId))
    .orderBy(desc(devInbox.id))
    .limit(limit);
}
