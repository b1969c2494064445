import { createHmac } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rateLimitHits } from '../../db/schema';
import type { Clock } from '../../lib/clock';

/** A limit: at most `limit` hits per `windowSeconds`, counted per subject. */
export type RateRule = { name: string; limit: number; windowSeconds: number };
export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Fixed-window counters in PostgreSQL (or PGlite), so every instance sees the same count: one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` per hit, atomic without a lock. Subjects (an
 * address, a CPR, a reference) are stored only as a keyed hash.
 */
export function createRateLimiter(deps: { db: Db; clock: Clock; secret: string }) {
  const { db, clock } = deps;
  const subjectKey = (rule: RateRule, subject: string) =>
    `${rule.name}:${createHmac('sha256', deps.secret).update(subject).digest('base64url').slice(0, 22)}`;

  async function hit(rule: RateRule, subject: string): Promise<RateVerdict> {
    const now = clock.now().getTime();
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const [row] = await db
      .insert(rateLimitHits)
      .values({ key: subjectKey(rule, subject), windowStart, hits: 1 })
      .onConflictDoUpdate({
        target: [rateLimitHits.key, rateLimitHits.windowStart],
        set: { hits: sql`${rateLimitHits.hits} + 1` },
      })
      .returning({ hits: rateLimitHits.hits });
    if ((row?.hits ?? 0) <= rule.limit) return { ok: true };
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000)),
    };
  }

  /** Windows that ended more than a day ago (a retention step). */
  async function purge(now: Date) {
    const rows = await db
      .delete(rateLimitHits)
      .where(lt(rateLimitHits.windowStart, new Date(now.getTime() - 86_400_000)))
      .returning({ key: rateLimitHits.key });
    return rows.length;
  }

  return { hit, purge };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
