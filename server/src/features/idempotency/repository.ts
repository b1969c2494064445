import { and, eq, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';

export type KeyRef = { scope: string; key: string };
export type StoredResponse = { status: number; body: unknown };

/**
 * Takes a key for this request, or learns that another request holds it. A duplicate that
 * arrives while the first is in flight blocks here on the primary key until the first commits
 * (then sees its answer) or rolls back (then takes the key itself). An expired key is retaken.
 */
export async function claimKey(
  tx: Queryable,
  ref: KeyRef,
  requestHash: string,
  now: Date,
  expiredBefore: Date,
) {
  const rows = await tx
    .insert(idempotencyKeys)
    .values({ ...ref, requestHash, responseStatus: 0, responseBody: sql`'null'::jsonb`, createdAt: now })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: { requestHash, responseStatus: 0, responseBody: sql`'null'::jsonb`, createdAt: now },
      setWhere: lt(idempotencyKeys.createdAt, expiredBefore),
    })
    .returning({ scope: idempotencyKeys.scope });
  return rows.length > 0;
}

export async function findKey(db: Queryable, ref: KeyRef) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, ref.scope), eq(idempotencyKeys.key, ref.key)));
  return row;
}

export async function saveResponse(tx: Queryable, ref: KeyRef, response: StoredResponse) {
  await tx
    .update(idempotencyKeys)
    .set({ responseStatus: response.status, responseBody: response.body })
    .where(and(eq(idempotencyKeys.scope, ref.scope), eq(idempotencyKeys.key, ref.key)));
}

/** Keys past their 24 hours; the purge job removes them. */
export async function deleteExpiredKeys(db: Queryable, before: Date) {
  const rows = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, before))
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
