import { describe, expect, it } from 'vitest';
import {
  appointmentCompliance,
  type BookingFact,
  cancellationRate,
  countBookings,
  describeDistribution,
  noShowRate,
  rateAgainstTarget,
  satisfaction,
  serviceMinutes,
  utilisation,
  waitingMinutes,
} from './formulas';

const t = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+03:00`);
const visit = (over: Partial<Parameters<typeof waitingMinutes>[0]>) => ({
  appointmentAt: null,
  queuedAt: t('09:00'),
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  ...over,
});

describe('waiting time', () => {
  it('counts an appointment from its start when the person came early', () => {
    expect(
      waitingMinutes(visit({ appointmentAt: t('09:30'), queuedAt: t('09:10'), calledAt: t('09:42') })),
    ).toBe(12);
  });
  it('counts an appointment from check-in when the person came late', () => {
    expect(
      waitingMinutes(visit({ appointmentAt: t('09:30'), queuedAt: t('09:40'), calledAt: t('09:45') })),
    ).toBe(5);
  });
  it('counts a walk-in from the ticket', () => {
    expect(waitingMinutes(visit({ queuedAt: t('09:00'), calledAt: t('09:27') }))).toBe(27);
  });
  it('is zero, not negative, when called before the appointment time', () => {
    expect(
      waitingMinutes(visit({ appointmentAt: t('09:30'), queuedAt: t('09:10'), calledAt: t('09:20') })),
    ).toBe(0);
  });
});

describe('distributions', () => {
  it('gives mean, median and nearest-rank 90th percentile', () => {
    // Hand-computed: sorted 2 4 4 5 7 9 10 12 15 30 → mean 9.8, median (7+9)/2 = 8, p90 = 9th = 15.
    expect(describeDistribution([10, 2, 4, 30, 7, 15, 5, 4, 12, 9])).toEqual({
      count: 10,
      mean: 9.8,
      median: 8,
      p90: 15,
    });
    expect(describeDistribution([3])).toEqual({ count: 1, mean: 3, median: 3, p90: 3 });
    expect(describeDistribution([])).toEqual({ count: 0, mean: null, median: null, p90: null });
  });
});

describe('appointment compliance', () => {
  const now = t('12:00');
  it('is the share of checked-in appointments called within 10 minutes', () => {
    const visits = [
      visit({ appointmentAt: t('09:00'), queuedAt: t('08:50'), calledAt: t('09:10') }), // on the limit: kept
      visit({ appointmentAt: t('09:00'), queuedAt: t('08:50'), calledAt: t('09:11') }), // late
      visit({ appointmentAt: t('09:30'), queuedAt: t('09:45'), calledAt: t('09:50') }), // late arrival, called 5 after
      visit({ queuedAt: t('09:00'), calledAt: t('10:00') }), // walk-in: not counted
    ];
    expect(appointmentCompliance(visits, { now })).toBeCloseTo(2 / 3);
  });
  it('counts a still-waiting appointment as missed once its target has passed', () => {
    const waiting = visit({ appointmentAt: t('11:40'), queuedAt: t('11:35') });
    expect(appointmentCompliance([waiting], { now })).toBe(0);
    expect(appointmentCompliance([waiting], { now: t('11:45') })).toBeNull();
  });
  it('takes another target', () => {
    const v = visit({ appointmentAt: t('09:00'), queuedAt: t('08:50'), calledAt: t('09:14') });
    expect(appointmentCompliance([v], { now, targetMinutes: 15 })).toBe(1);
  });
});

describe('other KPIs', () => {
  it('service time is finished − started', () => {
    expect(serviceMinutes(visit({ startedAt: t('09:10'), finishedAt: t('09:22') }))).toBe(12);
    expect(serviceMinutes(visit({ startedAt: t('09:10') }))).toBeNull();
  });
  it('no-show rate is due bookings never checked in ÷ due bookings', () => {
    expect(noShowRate(40, 34)).toBeCloseTo(0.15);
    expect(noShowRate(0, 0)).toBeNull();
  });
  it('utilisation is serving minutes ÷ staffed minutes', () => {
    expect(utilisation(300, 400)).toBe(0.75);
    expect(utilisation(10, 0)).toBeNull();
  });
  it('satisfaction averages each dimension and CSAT counts visits rated 4+ on all three', () => {
    const result = satisfaction([
      { performance: 5, organisation: 4, quality: 5 },
      { performance: 4, organisation: 3, quality: 5 },
      { performance: 2, organisation: 2, quality: 1 },
      { performance: 5, organisation: 5, quality: 5 },
    ]);
    expect(result.performance).toBe(4);
    expect(result.organisation).toBe(3.5);
    expect(result.quality).toBe(4);
    expect(result.csat).toBe(0.5);
  });
});

describe('bookings and cancellations', () => {
  const now = t('12:00');
  const b = (status: BookingFact['status'], hhmm: string): BookingFact => ({ status, startsAt: t(hhmm) });
  it('counts booked, cancelled, due and checked in, and the no-show rate follows', () => {
    const counts = countBookings(
      [
        b('served', '09:00'),
        b('checked_in', '10:00'),
        b('no_show', '10:30'),
        b('confirmed', '11:00'), // due, never came: a no-show not yet swept
        b('cancelled', '09:30'),
        b('confirmed', '13:00'), // not due yet
      ],
      { now },
    );
    // 6 booked, 1 cancelled; due = 4 (09:00, 10:00, 10:30, 11:00); checked in = 2 → no-shows 2.
    expect(counts).toEqual({ bookings: 6, cancelled: 1, due: 4, checkedIn: 2, noShows: 2 });
    expect(noShowRate(counts.due, counts.checkedIn)).toBe(0.5); // 2 ÷ 4
    expect(cancellationRate(counts.bookings, counts.cancelled)).toBeCloseTo(1 / 6);
    expect(cancellationRate(0, 0)).toBeNull();
  });
});

describe('scorecard against targets', () => {
  it('is green when met, amber within 10 % of the target, red beyond', () => {
    const compliance = { target: 0.9, direction: 'higher_is_better' } as const;
    expect(rateAgainstTarget(0.93, compliance)).toBe('green');
    expect(rateAgainstTarget(0.9, compliance)).toBe('green');
    expect(rateAgainstTarget(0.82, compliance)).toBe('amber'); // short by 0.08 ≤ 0.09
    expect(rateAgainstTarget(0.8, compliance)).toBe('red'); // short by 0.10 > 0.09
    const wait = { target: 15, direction: 'lower_is_better' } as const;
    expect(rateAgainstTarget(12, wait)).toBe('green');
    expect(rateAgainstTarget(16.5, wait)).toBe('amber'); // over by 1.5 ≤ 1.5
    expect(rateAgainstTarget(17, wait)).toBe('red');
    expect(rateAgainstTarget(null, wait)).toBe('none');
  });
});

describe('percentiles found by selection', () => {
  it('are the nearest-rank figures of the sorted list, for any order, size and ties', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const bySorting = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const n = sorted.length;
      const m = Math.floor(n / 2);
      return {
        median: n % 2 ? sorted[m] : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2,
        p90: sorted[Math.max(0, Math.ceil(0.9 * n) - 1)],
      };
    };
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 200);
      // Few distinct values half the time: ties must not move a rank.
      const spread = random() < 0.5 ? 5 : 100_000;
      const values = Array.from({ length: n }, () => Math.floor(random() * spread) / 60);
      expect(describeDistribution(values)).toMatchObject(bySorting(values));
    }
  });
});
