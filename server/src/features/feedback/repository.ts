import { and, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { feedback, feedbackInvitations, followUps } from '../../db/schema';
import { tickets } from '../../db/schema-hall';

export type InvitationRow = typeof feedbackInvitations.$inferSelect;
export type FeedbackRow = typeof feedback.$inferSelect;
export type FollowUpRow = typeof followUps.$inferSelect;

export async function insertInvitation(tx: Queryable, values: typeof feedbackInvitations.$inferInsert) {
  const [row] = await tx
    .insert(feedbackInvitations)
    .values(values)
    .onConflictDoNothing({ target: feedbackInvitations.ticketId })
    .returning();
  return row;
}

export async function findInvitation(db: Queryable, tokenHash: string) {
  const [row] = await db
    .select()
    .from(feedbackInvitations)
    .where(eq(feedbackInvitations.tokenHash, tokenHash));
  return row;
}

/** Takes the invitation once: a second answer, or one after expiry, finds nothing to take. */
export async function useInvitation(tx: Queryable, tokenHash: string, now: Date) {
  const [row] = await tx
    .update(feedbackInvitations)
    .set({ usedAt: now })
    .where(
      and(
        eq(feedbackInvitations.tokenHash, tokenHash),
        isNull(feedbackInvitations.usedAt),
        sql`${feedbackInvitations.expiresAt} > ${now}`,
      ),
    )
    .returning();
  return row;
}

export async function insertFeedback(tx: Queryable, values: typeof feedback.$inferInsert) {
  const [row] = await tx.insert(feedback).values(values).returning();
  if (!row) throw new Error('feedback not written');
  return row;
}

export async function openFollowUp(tx: Queryable, values: typeof followUps.$inferInsert) {
  await tx.insert(followUps).values(values).onConflictDoNothing();
}

export async function listFeedback(
  db: Queryable,
  query: { centreIds: string[] | null; from: Date; to: Date },
) {
  return db
    .select({ feedback, followUpId: followUps.id, followUpStatus: followUps.status })
    .from(feedback)
    .leftJoin(followUps, eq(followUps.feedbackId, feedback.id))
    .where(
      and(
        query.centreIds ? inArray(feedback.centreId, query.centreIds) : undefined,
        gte(feedback.visitedAt, query.from),
        lt(feedback.visitedAt, query.to),
      ),
    )
    .orderBy(desc(feedback.visitedAt))
    .limit(500);
}

export async function listFollowUps(
  db: Queryable,
  query: { centreIds: string[] | null; status?: 'open' | 'closed' | undefined; id?: string },
) {
  return db
    .select({ followUp: followUps, feedback })
    .from(followUps)
    .innerJoin(feedback, eq(feedback.id, followUps.feedbackId))
    .where(
      and(
        query.centreIds ? inArray(followUps.centreId, query.centreIds) : undefined,
        query.status ? eq(followUps.status, query.status) : undefined,
        query.id ? eq(followUps.id, query.id) : undefined,
      ),
    )
    .orderBy(desc(followUps.createdAt))
    .limit(500);
}

export async function findFollowUp(tx: Queryable, id: string) {
  const [row] = await tx.select().from(followUps).where(eq(followUps.id, id)).for('update');
  return row;
}

export async function closeFollowUp(
  tx: Queryable,
  id: string,
  values: { note: string; closedBy: string; closedAt: Date },
) {
  const [row] = await tx
    .update(followUps)
    .set({ ...values, status: 'closed' })
    .where(and(eq(followUps.id, id), eq(followUps.status, 'open')))
    .returning();
  return row;
}

/** Invitations past their week (answered or not) leave; the answers stay. */
export async function purgeExpiredInvitations(db: Queryable, now: Date) {
  const rows = await db
    .delete(feedbackInvitations)
    .where(
      and(
        lt(feedbackInvitations.expiresAt, now),
        sql`NOT EXISTS (SELECT 1 FROM feedback f WHERE f.invitation_id = ${feedbackInvitations.id})`,
      ),
    )
    .returning({ id: feedbackInvitations.id });
  return rows.length;
}

/** Served, booked visits of the last days that have no invitation yet (the demo's newest). */
/** The newest served visits of a booking with no invitation yet, whatever their age. */
export async function listUninvitedVisits(db: Queryable, limit: number) {
  return db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.status, 'served'),
        sql`${tickets.bookingId} IS NOT NULL`,
        sql`NOT EXISTS (SELECT 1 FROM feedback_invitations fi WHERE fi.ticket_id = ${tickets.id})`,
      ),
    )
    .orderBy(desc(tickets.finishedAt))
    .limit(limit);
}
