/** One-time code policy (issue 5): 6 digits, 5 minutes, single use, 5 tries, 3 per 15 minutes. */
export const CODE_POLICY = {
  validMs: 5 * 60_000,
  maxTries: 5,
  burst: { count: 3, windowMs: 15 * 60_000 },
  dailyWindowMs: 24 * 60 * 60_000,
} as const;

/**
 * Whether another code may go to a subject now, given when its recent codes were sent: a value,
 * with the seconds to wait when it may not.
 */
export function checkCodeQuota(
  sentAt: Date[],
  policy: { now: Date; dailyCap: number },
): { ok: true } | { ok: false; retryAfterSeconds: number } {
  const now = policy.now.getTime();
  const waitUntil = (window: number, limit: number) => {
    const inWindow = sentAt
      .map((d) => d.getTime())
      .filter((t) => t > now - window)
      .sort((a, b) => a - b);
    if (inWindow.length < limit) return null;
    // The oldest code that must leave the window before another may go.
    return (inWindow[inWindow.length - limit] ?? now) + window;
  };
  const until = Math.max(
    waitUntil(CODE_POLICY.burst.windowMs, CODE_POLICY.burst.count) ?? 0,
    waitUntil(CODE_POLICY.dailyWindowMs, policy.dailyCap) ?? 0,
  );
  return until > now ? { ok: false, retryAfterSeconds: Math.ceil((until - now) / 1000) } : { ok: true };
}
