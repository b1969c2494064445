/**
 * Gregorian local dates ↔ Hijri dates in the Umm al-Qura calendar, using only the runtime's
 * Intl (ICU tables cover roughly AH 1300–1600 and fall back to arithmetic outside them).
 * Results are the tabular calendar: where a country follows moon sighting, a date computed
 * here can be a day off, so callers treat what they derive from it as provisional.
 */
import { addDays, daysBetween, isLocalDate, type LocalDate } from '../time/local';

export type HijriDate = { year: number; month: number; day: number };

/** 1 Muharram AH 1 in the proleptic Gregorian calendar, as Intl counts it. */
const EPOCH: LocalDate = '0622-07-19';
/** Mean length of a lunar month in days: only a first guess, which the search then corrects. */
const MEAN_MONTH_DAYS = 29.530588853;

let formatter: Intl.DateTimeFormat | undefined;
/** Index of a Hijri month (months since Muharram AH 1) → its first day. */
const monthStarts = new Map<number, LocalDate>();

function umalquraFormatter(): Intl.DateTimeFormat {
  if (!formatter) {
    const f = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    // A runtime without full ICU silently formats in the Gregorian calendar instead.
    if (f.resolvedOptions().calendar !== 'islamic-umalqura') {
      throw new Error('This JavaScript runtime has no Umm al-Qura calendar (Intl without full ICU)');
    }
    formatter = f;
  }
  return formatter;
}

const monthIndex = (year: number, month: number) => (year - 1) * 12 + (month - 1);

export function toHijri(date: LocalDate): HijriDate {
  if (!isLocalDate(date)) throw new RangeError(`not a local date: ${date}`);
  const parts: Record<string, number> = {};
  for (const p of umalquraFormatter().formatToParts(new Date(`${date}T00:00:00Z`))) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day') parts[p.type] = Number(p.value);
  }
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0 };
}

export function hijriYearOf(date: LocalDate): number {
  return toHijri(date).year;
}

/**
 * The Gregorian date of the 1st of a Hijri month: guess from the mean month length, read the
 * Hijri date there, jump by the months still missing, and step back to day 1. Two or three
 * reads suffice; the answer is cached, so holidays of a year cost a few dozen Intl calls.
 */
export function startOfHijriMonth(year: number, month: number): LocalDate {
  assertYearMonth(year, month);
  const index = monthIndex(year, month);
  const cached = monthStarts.get(index);
  if (cached) return cached;
  let guess = addDays(EPOCH, Math.round(index * MEAN_MONTH_DAYS) + 14);
  for (let attempt = 0; attempt < 12; attempt++) {
    const h = toHijri(guess);
    const missing = index - monthIndex(h.year, h.month);
    if (missing === 0) {
      const start = addDays(guess, 1 - h.day);
      monthStarts.set(index, start);
      return start;
    }
    guess = addDays(guess, Math.round(missing * MEAN_MONTH_DAYS));
  }
  throw new RangeError(`cannot place Hijri month ${year}-${month}`);
}

/** 29 or 30. */
export function hijriMonthLength(year: number, month: number): number {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return daysBetween(startOfHijriMonth(year, month), startOfHijriMonth(next.year, next.month));
}

/** The Gregorian date of a Hijri date; a day the month does not have is a RangeError. */
export function fromHijri(date: HijriDate): LocalDate {
  const { year, month, day } = date;
  if (!Number.isInteger(day) || day < 1 || day > hijriMonthLength(year, month)) {
    throw new RangeError(`not a day of Hijri month ${year}-${month}: ${day}`);
  }
  return addDays(startOfHijriMonth(year, month), day - 1);
}

function assertYearMonth(year: number, month: number) {
  // Years past 9999 AD would not fit a 'YYYY-MM-DD' local date.
  if (!Number.isInteger(year) || year < 1 || year > 9000) throw new RangeError(`not a Hijri year: ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`not a Hijri month: ${month}`);
}
