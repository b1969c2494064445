import { describe, expect, it } from 'vitest';
import { describeFailure, nextDailyRun, retryDelayMs } from './rules';

const policy = { backoffMs: 30_000, backoffMaxMs: 3_600_000 };

describe('retry delays', () => {
  it('double with each attempt, half fixed and half jitter', () => {
    expect(retryDelayMs(1, policy, 0)).toBe(15_000);
    expect(retryDelayMs(1, policy, 0.999_999)).toBe(30_000);
    expect(retryDelayMs(2, policy, 0.5)).toBe(45_000);
    expect(retryDelayMs(3, policy, 0.5)).toBe(90_000);
  });

  it('never exceed the cap', () => {
    expect(retryDelayMs(30, policy, 0.5)).toBe(2_700_000);
    expect(retryDelayMs(30, policy, 0.999_999)).toBeLessThanOrEqual(3_600_000);
  });
});

describe('the next daily run', () => {
  it('is later today when the time has not come, else tomorrow, in the zone', () => {
    // 06:00Z is 09:00 in Bahrain.
    expect(nextDailyRun(new Date('2026-11-29T06:00:00Z'), '10:00', 'Asia/Bahrain')).toEqual({
      date: '2026-11-29',
      at: new Date('2026-11-29T07:00:00Z'),
    });
    expect(nextDailyRun(new Date('2026-11-29T06:00:00Z'), '03:00', 'Asia/Bahrain')).toEqual({
      date: '2026-11-30',
      at: new Date('2026-11-30T00:00:00Z'),
    });
  });

  it('skips a time that a daylight-saving change removes', () => {
    // London jumps from 01:00 to 02:00 on 29 March 2026.
    expect(nextDailyRun(new Date('2026-03-28T12:00:00Z'), '01:30', 'Europe/London')).toEqual({
      date: '2026-03-30',
      at: new Date('2026-03-30T00:30:00Z'),
    });
  });
});

describe('failure text', () => {
  it('keeps addresses and phone numbers out', () => {
    const text = describeFailure(new Error('550 rejected fatima@example.bh for +973 3600 1234'));
    expect(text).toBe('Error: 550 rejected [address] for [number]');
  });
});
