/**
 * A country's public calendar from its rules: holidays on fixed Gregorian days, holidays on
 * Hijri days, and hours that replace the week for a whole Hijri month (Ramadan). The rules are
 * data (a seed file, later the admin area); nothing here knows which country it serves.
 */
import type { Bilingual, Closure, SpecialPeriod, WeeklyHours } from '../schedule/types';
import { addDays, isLocalDate, type LocalDate } from '../time/local';
import { hijriMonthLength, hijriYearOf, startOfHijriMonth } from './hijri';

/** A holiday that comes back every year on the same day of its calendar, for `days` days. */
export type HolidayRule = {
  name: Bilingual;
  calendar: 'gregorian' | 'hijri';
  month: number;
  day: number;
  days: number;
};

/** Hours that replace the week for the whole of a Hijri month every year (Ramadan hours). */
export type HijriMonthHoursRule = { name: Bilingual; wholeHijriMonth: number; weeklyHours: WeeklyHours };

export type CalendarRules = { holidays: HolidayRule[]; specialPeriods: HijriMonthHoursRule[] };

/** Hijri years, both included. */
export type HijriYears = { from: number; to: number };

export type PublicCalendar = {
  hijriYears: HijriYears;
  holidays: (Closure & { kind: 'holiday'; provisional: boolean })[];
  specialPeriods: (SpecialPeriod & { provisional: boolean })[];
};

/**
 * The calendar of the current and the next Hijri year at `today`, so that it always reaches at
 * least a year ahead: their Hijri holidays and special periods, plus the Gregorian holidays of
 * every Gregorian year those two Hijri years touch.
 */
export function planPublicCalendar(rules: CalendarRules, today: LocalDate): PublicCalendar {
  const current = hijriYearOf(today);
  const hijriYears = { from: current, to: current + 1 };
  return {
    hijriYears,
    holidays: listHolidays(rules.holidays, hijriYears),
    specialPeriods: listSpecialPeriods(rules.specialPeriods, hijriYears),
  };
}

/**
 * Holidays over Hijri years, one per date, sorted. Hijri ones are provisional: the tabular
 * calendar can differ by a day from the announcement that follows the moon sighting. Two
 * holidays on one date become one whose name carries both, certain if either is.
 */
export function listHolidays(rules: HolidayRule[], years: HijriYears): PublicCalendar['holidays'] {
  const byDate = new Map<LocalDate, PublicCalendar['holidays'][number]>();
  const add = (date: LocalDate, name: Bilingual, provisional: boolean) => {
    const same = byDate.get(date);
    byDate.set(
      date,
      same
        ? {
            ...same,
            name: { en: `${same.name.en} / ${name.en}`, ar: `${same.name.ar} / ${name.ar}` },
            provisional: same.provisional && provisional,
          }
        : { date, kind: 'holiday', name, provisional },
    );
  };
  const gregorian = gregorianYearsOf(years);
  for (const rule of rules) {
    const firstDays =
      rule.calendar === 'hijri' ? hijriFirstDays(rule, years) : gregorianFirstDays(rule, gregorian);
    for (const first of firstDays) {
      for (let i = 0; i < rule.days; i++) add(addDays(first, i), rule.name, rule.calendar === 'hijri');
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

export function listSpecialPeriods(
  rules: HijriMonthHoursRule[],
  years: HijriYears,
): PublicCalendar['specialPeriods'] {
  const periods: PublicCalendar['specialPeriods'] = [];
  for (const rule of rules) {
    for (let year = years.from; year <= years.to; year++) {
      const from = startOfHijriMonth(year, rule.wholeHijriMonth);
      const to = addDays(from, hijriMonthLength(year, rule.wholeHijriMonth) - 1);
      // The month's start and end both follow the moon sighting.
      periods.push({ from, to, name: rule.name, weeklyHours: rule.weeklyHours, provisional: true });
    }
  }
  return periods.sort((a, b) => (a.from < b.from ? -1 : 1));
}

function hijriFirstDays(rule: HolidayRule, years: HijriYears): LocalDate[] {
  const out: LocalDate[] = [];
  for (let year = years.from; year <= years.to; year++) {
    // A rule on the 30th has no day in a year when that month has 29.
    if (rule.day > hijriMonthLength(year, rule.month)) continue;
    out.push(addDays(startOfHijriMonth(year, rule.month), rule.day - 1));
  }
  return out;
}

function gregorianFirstDays(rule: HolidayRule, years: { from: number; to: number }): LocalDate[] {
  const out: LocalDate[] = [];
  for (let year = years.from; year <= years.to; year++) {
    const date = `${String(year).padStart(4, '0')}-${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`;
    // 29 February exists only in leap years.
    if (isLocalDate(date)) out.push(date);
  }
  return out;
}

/** The Gregorian years from 1 Muharram of the first Hijri year to the last day of the last. */
function gregorianYearsOf(years: HijriYears) {
  const first = startOfHijriMonth(years.from, 1);
  const last = addDays(startOfHijriMonth(years.to + 1, 1), -1);
  return { from: Number(first.slice(0, 4)), to: Number(last.slice(0, 4)) };
}
