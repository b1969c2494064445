import { describe, expect, it } from 'vitest';
import {
  addDays,
  datesInRange,
  formatInZone,
  isLocalDate,
  isTimeZone,
  offsetMinutes,
  toInstant,
  toZoned,
  weekdayOf,
} from './local';

describe('local dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
  });

  it('steps across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(datesInRange('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });

  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-12-04')).toBe('fri');
    expect(weekdayOf('2026-12-06')).toBe('sun');
  });
});

describe('zones', () => {
  it('puts Bahrain at UTC+3 all year', () => {
    expect(offsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Asia/Bahrain')).toBe(180);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Asia/Bahrain')).toBe(180);
    expect(toInstant('2026-12-01', '08:30', 'Asia/Bahrain')?.toISOString()).toBe('2026-12-01T05:30:00.000Z');
    expect(formatInZone(new Date('2026-12-01T05:30:00Z'), 'Asia/Bahrain')).toBe('2026-12-01T08:30:00+03:00');
  });

  it('treats a time skipped by London’s spring change as non-existent', () => {
    // 29 March 2026: clocks go from 01:00 GMT to 02:00 BST.
    expect(toInstant('2026-03-29', '01:30', 'Europe/London')).toBeNull();
    expect(toInstant('2026-03-29', '00:30', 'Europe/London')?.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(toInstant('2026-03-29', '02:00', 'Europe/London')?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(formatInZone(new Date('2026-03-29T09:00:00Z'), 'Europe/London')).toBe('2026-03-29T10:00:00+01:00');
  });

  it('takes the first of the two 01:30s on London’s autumn change', () => {
    // 25 October 2026: clocks go back from 02:00 BST to 01:00 GMT.
    expect(toInstant('2026-10-25', '01:30', 'Europe/London')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(toInstant('2026-10-25', '03:00', 'Europe/London')?.toISOString()).toBe('2026-10-25T03:00:00.000Z');
  });

  it('reads an instant back as the zone’s wall clock', () => {
    expect(toZoned(new Date('2026-12-31T22:30:00Z'), 'Asia/Bahrain')).toEqual({
      date: '2027-01-01',
      time: '01:30',
      weekday: 'fri',
      offsetMinutes: 180,
    });
  });

  it('changes offset exactly at the transition instant', () => {
    expect(offsetMinutes(new Date('2026-03-29T00:59:59Z'), 'Europe/London')).toBe(0);
    expect(offsetMinutes(new Date('2026-03-29T01:00:00Z'), 'Europe/London')).toBe(60);
    expect(offsetMinutes(new Date('2026-10-25T00:59:59Z'), 'Europe/London')).toBe(60);
    expect(offsetMinutes(new Date('2026-10-25T01:00:00Z'), 'Europe/London')).toBe(0);
    // Lord Howe Island moves by half an hour.
    expect(offsetMinutes(new Date('2026-10-03T15:29:00Z'), 'Australia/Lord_Howe')).toBe(630);
    expect(offsetMinutes(new Date('2026-10-03T15:30:00Z'), 'Australia/Lord_Howe')).toBe(660);
  });

  it('refuses zones that do not exist', () => {
    expect(isTimeZone('Asia/Bahrain')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('gives the same answers whatever zone the process runs in', () => {
    // Node re-reads TZ whenever it is assigned; core itself never looks at it.
    const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process
      .env;
    const original = env.TZ;
    const run = () =>
      JSON.stringify([
        toInstant('2026-10-25', '01:30', 'Europe/London'),
        toInstant('2026-12-01', '07:00', 'Asia/Bahrain'),
        formatInZone(new Date('2026-03-29T01:00:00Z'), 'Europe/London'),
        toZoned(new Date('2026-12-31T22:30:00Z'), 'Asia/Bahrain'),
      ]);
    try {
      const results = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati'].map((tz) => {
        env.TZ = tz;
        return run();
      });
      expect(new Set(results).size).toBe(1);
    } finally {
      if (original === undefined) delete env.TZ;
      else env.TZ = original;
    }
  });
});
