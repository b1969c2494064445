import { describe, expect, it } from 'vitest';
import { addDays, datesInRange } from '../time/local';
import { fromHijri, hijriMonthLength, hijriYearOf, startOfHijriMonth, toHijri } from './hijri';

// The verified table of reference/ux-and-locale.md §1.4. Its columns are labelled 1447 and
// 1448, but the rows after the Hijri New Year belong to the following year: Mawlid on
// 2026-08-25 is 12 Rabi' I 1448 and on 2027-08-14 is 12 Rabi' I 1449.
const VERIFIED: [string, string, { year: number; month: number; day: number }][] = [
  ['1 Ramadan 1447', '2026-02-18', { year: 1447, month: 9, day: 1 }],
  ['1 Shawwal 1447', '2026-03-20', { year: 1447, month: 10, day: 1 }],
  ['9 Dhu al-Hijja 1447', '2026-05-26', { year: 1447, month: 12, day: 9 }],
  ['10 Dhu al-Hijja 1447', '2026-05-27', { year: 1447, month: 12, day: 10 }],
  ['1 Muharram 1448', '2026-06-16', { year: 1448, month: 1, day: 1 }],
  ['9 Muharram 1448', '2026-06-24', { year: 1448, month: 1, day: 9 }],
  ['10 Muharram 1448', '2026-06-25', { year: 1448, month: 1, day: 10 }],
  ["12 Rabi' I 1448", '2026-08-25', { year: 1448, month: 3, day: 12 }],
  ['1 Ramadan 1448', '2027-02-08', { year: 1448, month: 9, day: 1 }],
  ['1 Shawwal 1448', '2027-03-09', { year: 1448, month: 10, day: 1 }],
  ['9 Dhu al-Hijja 1448', '2027-05-15', { year: 1448, month: 12, day: 9 }],
  ['10 Dhu al-Hijja 1448', '2027-05-16', { year: 1448, month: 12, day: 10 }],
  ['1 Muharram 1449', '2027-06-06', { year: 1449, month: 1, day: 1 }],
  ['9 Muharram 1449', '2027-06-14', { year: 1449, month: 1, day: 9 }],
  ['10 Muharram 1449', '2027-06-15', { year: 1449, month: 1, day: 10 }],
  ["12 Rabi' I 1449", '2027-08-14', { year: 1449, month: 3, day: 12 }],
];

describe('Umm al-Qura dates', () => {
  it.each(VERIFIED)('%s is %s', (_name, gregorian, hijri) => {
    expect(toHijri(gregorian)).toEqual(hijri);
    expect(fromHijri(hijri)).toBe(gregorian);
  });

  it('goes there and back for every day of five Gregorian years', () => {
    for (const date of datesInRange('2025-01-01', '2029-12-31')) {
      expect(fromHijri(toHijri(date))).toBe(date);
    }
  });

  it('knows which months have 29 days and which 30', () => {
    expect(hijriMonthLength(1447, 9)).toBe(30); // 2026-02-18 … 2026-03-19
    expect(hijriMonthLength(1448, 9)).toBe(29); // 2027-02-08 … 2027-03-08
    expect(addDays(startOfHijriMonth(1448, 12), hijriMonthLength(1448, 12))).toBe('2027-06-06');
  });

  it('refuses a day the month does not have, and nonsense months', () => {
    expect(() => fromHijri({ year: 1448, month: 9, day: 30 })).toThrow(RangeError);
    expect(() => fromHijri({ year: 1448, month: 13, day: 1 })).toThrow(RangeError);
    expect(() => fromHijri({ year: 1448, month: 1, day: 0 })).toThrow(RangeError);
    expect(() => toHijri('2026-02-30')).toThrow(RangeError);
  });

  it('tells the Hijri year of a Gregorian date, turning on 1 Muharram', () => {
    expect(hijriYearOf('2026-06-15')).toBe(1447);
    expect(hijriYearOf('2026-06-16')).toBe(1448);
    expect(hijriYearOf('2026-11-29')).toBe(1448);
  });

  it('places months far from today too (the search does not depend on a nearby anchor)', () => {
    expect(toHijri(startOfHijriMonth(1300, 1))).toEqual({ year: 1300, month: 1, day: 1 });
    expect(toHijri(startOfHijriMonth(1600, 12))).toEqual({ year: 1600, month: 12, day: 1 });
    expect(startOfHijriMonth(1, 1)).toBe('0622-07-19');
  });
});
