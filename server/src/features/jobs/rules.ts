import { addDays, toInstant, toZoned } from '@mawaeed/core/time/local';

export type RetryPolicy = { backoffMs: number; backoffMaxMs: number };

/**
 * How long to wait after the n-th failed attempt: exponential (base · 2^(n-1), capped), with
 * "equal jitter" — half fixed, half random — so instances that failed together (a gateway
 * outage) do not all come back at the same instant. `random` is in [0, 1).
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: number): number {
  const exponential = Math.min(policy.backoffMaxMs, policy.backoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random);
}

/** The next instant a zone's clocks show `time`, strictly after `now` (the daily jobs' schedule). */
export function nextDailyRun(now: Date, time: string, zone: string): { date: string; at: Date } {
  let date = toZoned(now, zone).date;
  for (let i = 0; i < 3; i++, date = addDays(date, 1)) {
    // A time skipped by a daylight-saving change runs at the next day's time instead.
    const at = toInstant(date, time, zone);
    if (at && at.getTime() > now.getTime()) return { date, at };
  }
  throw new Error(`no daily run found for ${time} ${zone}`);
}

/** Error text kept on a job: short, and without anything that looks like an address or number. */
export function describeFailure(err: unknown): string {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return message
    .replace(/[^\s@<>]+@[^\s@<>]+/g, '[address]')
    .replace(/\+?\d[\d\s-]{6,}\d/g, '[number]')
    .slice(0, 500);
}
