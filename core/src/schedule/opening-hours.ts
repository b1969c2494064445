import { type LocalDate, weekdayOf } from '../time/local';
import type { Bilingual, CentreSchedule, ClosedReason, OpeningInterval } from './types';

export type DayHours =
  | { open: true; intervals: OpeningInterval[]; periodName?: Bilingual; partial?: Bilingual }
  | { open: false; reason: Exclude<ClosedReason, 'OUTSIDE_BOOKING_WINDOW'>; reasonName: Bilingual };

export const WEEKLY_CLOSED_NAME: Bilingual = {
  en: 'Closed on this day of the week',
  ar: 'مغلق في هذا اليوم من الأسبوع',
};
export const OUTSIDE_WINDOW_NAME: Bilingual = { en: 'Not open for booking', ar: 'غير متاح للحجز' };

/**
 * The hours a centre keeps on a local date. A closure wins over everything (with its remaining
 * hours when it is a half day); a special period replaces the weekly hours; otherwise the week.
 */
export function openingHoursOn(date: LocalDate, schedule: CentreSchedule): DayHours {
  const closure = schedule.closures.find((c) => c.date === date);
  if (closure && !closure.openHours?.length) {
    return {
      open: false,
      reason: closure.kind === 'holiday' ? 'HOLIDAY' : 'CLOSURE',
      reasonName: closure.name,
    };
  }
  const period = schedule.specialPeriods.find((p) => p.from <= date && date <= p.to);
  const weekday = weekdayOf(date);
  const regular = (period ? period.weeklyHours : schedule.weeklyHours)[weekday] ?? [];
  if (regular.length === 0) return { open: false, reason: 'WEEKLY_CLOSED', reasonName: WEEKLY_CLOSED_NAME };
  if (closure?.openHours?.length) {
    // A half day never opens longer than the day would have: keep the overlap.
    const intervals = intersect(regular, closure.openHours);
    if (intervals.length === 0) {
      return {
        open: false,
        reason: closure.kind === 'holiday' ? 'HOLIDAY' : 'CLOSURE',
        reasonName: closure.name,
      };
    }
    return { open: true, intervals, partial: closure.name, ...(period ? { periodName: period.name } : {}) };
  }
  return { open: true, intervals: regular, ...(period ? { periodName: period.name } : {}) };
}

function intersect(a: OpeningInterval[], b: OpeningInterval[]): OpeningInterval[] {
  const out: OpeningInterval[] = [];
  for (const x of a) {
    for (const y of b) {
      const open = x.open > y.open ? x.open : y.open;
      const close = x.close < y.close ? x.close : y.close;
      if (open < close) out.push({ open, close });
    }
  }
  return out.sort((p, q) => (p.open < q.open ? -1 : 1));
}
