import { and, eq, lt } from 'drizzle-orm';
import { type Queryable, runStatement, type Statement } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';

export type KeyRef = { scope: string; key: string };
export type StoredResponse = { status: number; body: unknown };

const CLAIM_KEY: Statement = {
  name: 'idempotency_claim_key',
  text: `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
    VALUES ($1, $2, $3, 0, 'null'::jsonb, $4::timestamptz)
    ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response_status = 0,
      response_body = 'null'::jsonb, created_at = EXCLUDED.created_at
      WHERE idempotency_keys.created_at < $5::timestamptz
    RETURNING scope`,
};

/**
 * Takes a key for this request, or learns that another request holds it. A duplicate that
 * arrives while the first is in flight blocks here on the primary key until the first commits
 * (then sees its answer) or rolls back (then takes the key itself). An expired key is retaken.
 * Every booking with a key claims one: a prepared statement (see runStatement).
 */
export async function claimKey(
  tx: Queryable,
  ref: KeyRef,
  requestHash: string,
  now: Date,
  expiredBefore: Date,
) {
  const rows = await runStatement(tx, CLAIM_KEY, [
    ref.scope,
    ref.key,
    requestHash,
    now.toISOString(),
    expiredBefore.toISOString(),
  ]);
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
