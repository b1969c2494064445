import { describe, expect, it } from 'vitest';
import { generateHistory } from './generate';

const week = {
  sun: [{ open: '08:00', close: '14:00' }],
  mon: [{ open: '08:00', close: '14:00' }],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
} as const;
const offering = {
  centreId: 'c',
  serviceId: 's',
  letter: 'P',
  durationMinutes: 15,
  zone: 'Asia/Bahrain',
  weeklyHours: week as never,
  counterIds: ['k1'],
};

describe('history generator', () => {
  it('is repeatable, keeps to open days and opening hours, and numbers tickets per day', () => {
    const run = () => [
      ...generateHistory({ offerings: [offering], from: '2026-11-29', to: '2026-12-05', visitsPerDay: 20 }),
    ];
    const visits = run();
    expect(visits).toEqual(run());
    // 29 Nov is a Sunday, 30 Nov a Monday: the only open days of that week here.
    expect(new Set(visits.map((v) => v.day))).toEqual(new Set(['2026-11-29', '2026-11-30']));
    for (const v of visits.filter((x) => x.ticket)) {
      const t = v.ticket as NonNullable<typeof v.ticket>;
      expect(t.calledAt.getTime()).toBeGreaterThanOrEqual(t.queuedAt.getTime());
      expect(t.finishedAt.getTime()).toBeGreaterThan(t.startedAt.getTime());
    }
    const sunday = visits.filter((v) => v.day === '2026-11-29' && v.ticket).map((v) => v.sequence);
    expect(sunday).toEqual(sunday.map((_, i) => i + 1));
    expect(visits.some((v) => v.booking?.status === 'no_show')).toBe(true);
  });
});
