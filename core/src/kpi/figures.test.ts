import { describe, expect, it } from 'vitest';
import { histogram, placeWait, waitHeatMap, waitlistRefills, waitsByHour } from './figures';

describe('wait histogram', () => {
  it('counts each wait in the bin whose lower edge it reaches, the last bin open-ended', () => {
    // 0 and 4.9 → 0–5; 5 → 5–10; 14 → 10–15; 30 → 30–45; 61 and 200 → 60+.
    const bins = histogram([0, 4.9, 5, 14, 30, 61, 200]);
    expect(bins).toEqual([
      { fromMinutes: 0, toMinutes: 5, visits: 2 },
      { fromMinutes: 5, toMinutes: 10, visits: 1 },
      { fromMinutes: 10, toMinutes: 15, visits: 1 },
      { fromMinutes: 15, toMinutes: 20, visits: 0 },
      { fromMinutes: 20, toMinutes: 30, visits: 0 },
      { fromMinutes: 30, toMinutes: 45, visits: 1 },
      { fromMinutes: 45, toMinutes: 60, visits: 0 },
      { fromMinutes: 60, toMinutes: null, visits: 2 },
    ]);
  });
  it('lists every bin, empty, when nobody waited', () => {
    expect(histogram([], [0, 10])).toEqual([
      { fromMinutes: 0, toMinutes: 10, visits: 0 },
      { fromMinutes: 10, toMinutes: null, visits: 0 },
    ]);
  });
});

describe('placing a call in the centre’s week', () => {
  it('uses the centre’s zone, not UTC: 22:30 UTC on a Saturday is 01:30 Sunday in Bahrain', () => {
    expect(placeWait(new Date('2026-11-28T22:30:00Z'), 'Asia/Bahrain', 7)).toEqual({
      weekday: 'sun',
      hour: 1,
      minutes: 7,
    });
  });
});

describe('waiting by hour and the heat map', () => {
  const waits = [
    { weekday: 'mon', hour: 10, minutes: 4 },
    { weekday: 'sun', hour: 10, minutes: 20 },
    { weekday: 'sun', hour: 9, minutes: 8 },
    { weekday: 'sun', hour: 10, minutes: 10 },
    { weekday: 'sun', hour: 10, minutes: 12 },
  ] as const;

  it('gives the median wait of each hour, earliest first', () => {
    // 09: [8] → 8; 10: [4, 20, 10, 12] → (10 + 12) / 2 = 11.
    expect(waitsByHour(waits)).toEqual([
      { hour: 9, visits: 1, waitMedian: 8 },
      { hour: 10, visits: 4, waitMedian: 11 },
    ]);
  });

  it('gives the median wait of each weekday and hour with calls, in week order from Sunday', () => {
    // Sunday 10: [20, 10, 12] → 12; Monday 10: [4] → 4.
    expect(waitHeatMap(waits)).toEqual([
      { weekday: 'sun', hour: 9, visits: 1, waitMedian: 8 },
      { weekday: 'sun', hour: 10, visits: 3, waitMedian: 12 },
      { weekday: 'mon', hour: 10, visits: 1, waitMedian: 4 },
    ]);
  });

  it('is empty when nobody was called', () => {
    expect(waitHeatMap([])).toEqual([]);
    expect(waitsByHour([])).toEqual([]);
  });
});

describe('seats refilled from the waitlist', () => {
  const at = (hhmm: string) => new Date(`2026-11-29T${hhmm}:00+03:00`);
  it('counts them and gives the median minutes from freeing to re-booking', () => {
    // 4, 10 and 31 minutes → median 10.
    expect(
      waitlistRefills([
        { freedAt: at('09:00'), bookedAt: at('09:04') },
        { freedAt: at('09:00'), bookedAt: at('09:31') },
        { freedAt: at('10:00'), bookedAt: at('10:10') },
      ]),
    ).toEqual({ filled: 3, medianMinutesToRebook: 10 });
  });
  it('has no median when none was refilled', () => {
    expect(waitlistRefills([])).toEqual({ filled: 0, medianMinutesToRebook: null });
  });
});

describe('the histogram’s bins looked up by whole minute', () => {
  it('counts as comparing with each edge does, at and around every edge', () => {
    const values = [-1, 0, 4.999, 5, 5.001, 9.99, 10, 19.5, 20, 29.999, 30, 44, 45, 59.999, 60, 1_000, 3_000];
    const irregular = [0, 5, 10.5, 15, 20, 30, 45, 60]; // not whole minutes: compared edge by edge
    expect(histogram(values).map((b) => b.visits)).toEqual([3, 3, 1, 1, 2, 2, 2, 3]);
    expect(histogram(values, irregular).map((b) => b.visits)).toEqual([3, 4, 0, 1, 2, 2, 2, 3]);
  });
});
