import { describe, expect, it } from 'vitest';
import { noShowStanding } from './no-shows';

const now = new Date('2026-11-29T06:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const rule = { limit: 3, days: 90, policy: 'block' as const };

describe('no-show standing', () => {
  it('counts only the no-shows inside the window', () => {
    const s = noShowStanding([daysAgo(1), daysAgo(89), daysAgo(91)], { now, rule });
    expect(s).toEqual({ count: 2, limitLiftsAt: null, isBlocked: false });
  });

  it('blocks at the limit until the third newest leaves the window', () => {
    const s = noShowStanding([daysAgo(10), daysAgo(40), daysAgo(20), daysAgo(70)], { now, rule });
    expect(s.count).toBe(4);
    expect(s.isBlocked).toBe(true);
    // Newest first: 10, 20, 40, 70 days ago; the count drops to 2 when the 40-day one leaves.
    expect(s.limitLiftsAt).toEqual(new Date(daysAgo(40).getTime() + 90 * 86_400_000));
    expect(
      noShowStanding([daysAgo(10), daysAgo(20), daysAgo(40)], { now: s.limitLiftsAt as Date, rule })
        .isBlocked,
    ).toBe(false);
  });

  it('reports but never blocks under the warn and off policies', () => {
    const missed = [daysAgo(1), daysAgo(2), daysAgo(3)];
    expect(noShowStanding(missed, { now, rule: { ...rule, policy: 'warn' } })).toMatchObject({
      count: 3,
      isBlocked: false,
    });
    expect(noShowStanding(missed, { now, rule: { ...rule, policy: 'off' } }).isBlocked).toBe(false);
  });
});
