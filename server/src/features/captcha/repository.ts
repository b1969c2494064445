import { lt } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { captchaUses } from '../../db/schema';

/** Records an answer as used; false when it already was (a replay). */
export async function markUsed(tx: Queryable, signature: string, expiresAt: Date) {
  const rows = await tx
    .insert(captchaUses)
    .values({ signature, expiresAt })
    .onConflictDoNothing()
    .returning({ signature: captchaUses.signature });
  return rows.length > 0;
}

export async function deleteExpired(db: Queryable, now: Date) {
  const rows = await db
    .delete(captchaUses)
    .where(lt(captchaUses.expiresAt, now))
    .returning({ signature: captchaUses.signature });
  return rows.length;
}
