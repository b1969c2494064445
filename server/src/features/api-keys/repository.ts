import { asc, eq, lt, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../db/client';
import { apiKeys, apiKeyUsage } from '../../db/schema-integrations';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Inserts a key; undefined when the name is taken. */
export async function insertApiKey(tx: Queryable, values: typeof apiKeys.$inferInsert) {
  const [row] = await tx
    .insert(apiKeys)
    .values(values)
    .onConflictDoNothing({ target: apiKeys.name })
    .returning();
  return row;
}

export async function listApiKeys(db: Queryable) {
  return db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt), asc(apiKeys.name));
}

export async function findApiKey(db: Queryable, id: string) {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row;
}

/** The key with this hash, revoked or not, its last-used time set to now. */
export async function touchApiKeyByHash(db: Queryable, tokenHash: string, now: Date) {
  const [row] = await db
    .update(apiKeys)
    .set({
      lastUsedAt: sql`CASE WHEN ${apiKeys.revokedAt} IS NULL THEN ${now}::timestamptz ELSE ${apiKeys.lastUsedAt} END`,
    })
    .where(eq(apiKeys.tokenHash, tokenHash))
    .returning();
  return row;
}

export async function revokeApiKey(tx: Queryable, id: string, now: Date) {
  const [row] = await tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).returning();
  return row;
}

/** Counts one call in the key's current window, atomically across instances; returns the count. */
export async function countCall(db: Queryable, keyId: string, windowStart: Date) {
  const [row] = await queryRows<{ calls: number }>(
    db,
    sql`INSERT INTO api_key_usage (key_id, window_start, calls) VALUES (${keyId}, ${windowStart}, 1)
        ON CONFLICT (key_id, window_start) DO UPDATE SET calls = api_key_usage.calls + 1
        RETURNING calls`,
  );
  return Number(row?.calls ?? 0);
}

export async function purgeUsageBefore(db: Queryable, before: Date) {
  const rows = await db
    .delete(apiKeyUsage)
    .where(lt(apiKeyUsage.windowStart, before))
    .returning({ windowStart: apiKeyUsage.windowStart });
  return rows.length;
}
