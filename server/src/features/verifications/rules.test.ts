import { describe, expect, it } from 'vitest';
import { checkCodeQuota } from './rules';

const now = new Date('2026-11-29T06:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('code quota', () => {
  it('allows three codes in 15 minutes, then says when the oldest leaves the window', () => {
    expect(checkCodeQuota([minutesAgo(1), minutesAgo(2)], { now, dailyCap: 10 })).toEqual({ ok: true });
    expect(checkCodeQuota([minutesAgo(1), minutesAgo(2), minutesAgo(10)], { now, dailyCap: 10 })).toEqual({
      ok: false,
      retryAfterSeconds: 5 * 60,
    });
    expect(checkCodeQuota([minutesAgo(1), minutesAgo(2), minutesAgo(16)], { now, dailyCap: 10 })).toEqual({
      ok: true,
    });
  });

  it('caps the day', () => {
    const sent = [60, 120, 180, 240].map(minutesAgo);
    expect(checkCodeQuota(sent, { now, dailyCap: 4 })).toEqual({ ok: false, retryAfterSeconds: 20 * 3600 });
    expect(checkCodeQuota(sent, { now, dailyCap: 5 })).toEqual({ ok: true });
  });
});
