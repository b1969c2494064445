import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { verifications } from '../../db/schema';

/** Serialises code requests for one subject, so two at once cannot both pass the limits. */
export async function lockSubject(tx: Queryable, subjectHash: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${subjectHash}))`);
}

export async function listSentSince(tx: Queryable, subjectHash: string, since: Date) {
  const rows = await tx
    .select({ createdAt: verifications.createdAt })
    .from(verifications)
    .where(and(eq(verifications.subjectHash, subjectHash), gt(verifications.createdAt, since)));
  return rows.map((r) => r.createdAt);
}

export async function insertVerification(tx: Queryable, values: typeof verifications.$inferInsert) {
  await tx.insert(verifications).values(values);
}

/**
 * Counts one try against a live, unused code and returns what to compare it with; nothing when
 * the code is used, expired or out of tries. The try counts whether it then matches or not.
 */
export async function takeTry(db: Queryable, id: string, now: Date, maxTries: number) {
  const [row] = await db
    .update(verifications)
    .set({ attempts: sql`${verifications.attempts} + 1` })
    .where(
      and(
        eq(verifications.id, id),
        isNull(verifications.usedAt),
        gt(verifications.expiresAt, now),
        lt(verifications.attempts, maxTries),
      ),
    )
    .returning({
      purpose: verifications.purpose,
      mobileHash: verifications.mobileHash,
      codeHash: verifications.codeHash,
    });
  return row;
}

/** Codes created before `before` (expired long since: a code lives minutes). */
export async function deleteBefore(db: Queryable, before: Date) {
  const rows = await db
    .delete(verifications)
    .where(lt(verifications.createdAt, before))
    .returning({ id: verifications.id });
  return rows.length;
}

/** Uses the code up, in the transaction of what it allowed; false when it was used meanwhile. */
export async function markUsed(tx: Queryable, id: string, now: Date) {
  const rows = await tx
    .update(verifications)
    .set({ usedAt: now })
    .where(and(eq(verifications.id, id), isNull(verifications.usedAt)))
    .returning({ id: verifications.id });
  return rows.length > 0;
}
