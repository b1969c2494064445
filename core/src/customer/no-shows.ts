/** Repeated no-shows: how many in the window, and when the count falls under the limit again. */
export type NoShowPolicyName = 'off' | 'warn' | 'block';
export type NoShowRule = { limit: number; days: number; policy: NoShowPolicyName };

const DAY_MS = 86_400_000;

/**
 * `missedAt` are the starts of the person's missed appointments (any order). The count is those
 * in the last `days` days; at or over the limit, the limit lifts when the `limit`-th newest
 * leaves the window, since the count is then one under the limit.
 */
export function noShowStanding(missedAt: readonly Date[], options: { now: Date; rule: NoShowRule }) {
  const { now, rule } = options;
  const since = now.getTime() - rule.days * DAY_MS;
  const inWindow = missedAt
    .map((d) => d.getTime())
    .filter((t) => t > since && t <= now.getTime())
    .sort((a, b) => b - a);
  const pivot = inWindow[rule.limit - 1];
  const limitLiftsAt = pivot === undefined ? null : new Date(pivot + rule.days * DAY_MS);
  return {
    count: inWindow.length,
    limitLiftsAt,
    isBlocked: rule.policy === 'block' && limitLiftsAt !== null,
  };
}
