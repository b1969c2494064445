/**
 * The three shapes of time (STYLE.md habit 7): instants are `Date` (UTC), a centre has an IANA
 * zone, and local dates ('2026-12-01') and times of day ('08:30') are plain strings. This file is
 * the one place where they are combined, using only Intl, so the process's own TZ never matters.
 */

export type LocalDate = string;
export type TimeOfDay = string;
export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE = 60_000;
const DAY = 86_400_000;

export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function isTimeOfDay(value: string): boolean {
  return TIME_RE.test(value) || value === '24:00';
}

/** Minutes since local midnight; '24:00' is allowed as an end of day. */
export function minutesOfDay(time: TimeOfDay): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function timeOfDayFromMinutes(minutes: number): TimeOfDay {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Midnight UTC of a local date, used only for calendar arithmetic on dates. */
function dateToUtcMs(date: LocalDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a local date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function utcMsToDate(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return utcMsToDate(dateToUtcMs(date) + days * DAY);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((dateToUtcMs(b) - dateToUtcMs(a)) / DAY);
}

export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[new Date(dateToUtcMs(date)).getUTCDay()] as Weekday;
}

/** Every date from `from` to `to`, both included. */
export function datesInRange(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isTimeZone(zone: string): boolean {
  try {
    zoneFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(instantMs: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of zoneFormatter(zone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/**
 * Offsets change only at transitions, which fall on quarter hours of UTC; one Intl call per zone
 * and quarter hour is enough (a 31-day availability answer needs a few hundred instead of
 * thousands). The cache is bounded and simply starts again when full.
 */
const QUARTER_HOUR = 15 * MINUTE;
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 100_000;

function computeOffset(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE);
}

/** The zone's offset from UTC at an instant, in minutes (Bahrain: 180). */
export function offsetMinutes(instant: Date | number, zone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let byBucket = offsetCache.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsetCache.set(zone, byBucket);
  }
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    if (byBucket.size >= OFFSET_CACHE_LIMIT) byBucket.clear();
    offset = computeOffset(bucket * QUARTER_HOUR, zone);
    byBucket.set(bucket, offset);
  }
  return offset;
}

/** The wall clock of a zone at an instant, by arithmetic on its offset. */
function wallAt(ms: number, zone: string): { shifted: Date; offset: number } {
  const offset = offsetMinutes(ms, zone);
  return { shifted: new Date(ms + offset * MINUTE), offset };
}

/**
 * The instant at which a zone's clocks show `date time`. A time skipped by a daylight-saving
 * change does not exist (null); a time shown twice resolves to the earlier instant.
 */
export function toInstant(date: LocalDate, time: TimeOfDay, zone: string): Date | null {
  const local = dateToUtcMs(date) + minutesOfDay(time) * MINUTE;
  const before = offsetMinutes(local - DAY, zone);
  const after = offsetMinutes(local + DAY, zone);
  let best: number | null = null;
  for (const offset of before === after ? [before] : [before, after]) {
    const utc = local - offset * MINUTE;
    if (offsetMinutes(utc, zone) === offset && (best === null || utc < best)) best = utc;
  }
  return best === null ? null : new Date(best);
}

export type ZonedParts = { date: LocalDate; time: TimeOfDay; weekday: Weekday; offsetMinutes: number };

export function toZoned(instant: Date, zone: string): ZonedParts {
  const { shifted, offset } = wallAt(instant.getTime(), zone);
  const date = shifted.toISOString().slice(0, 10);
  return {
    date,
    time: timeOfDayFromMinutes(shifted.getUTCHours() * 60 + shifted.getUTCMinutes()),
    weekday: WEEKDAYS[shifted.getUTCDay()] as Weekday,
    offsetMinutes: offset,
  };
}

export function todayIn(zone: string, now: Date): LocalDate {
  return toZoned(now, zone).date;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** ISO 8601 with the zone's offset and whole seconds: 2026-12-01T08:30:00+03:00. */
export function formatInZone(instant: Date, zone: string): string {
  const { shifted, offset } = wallAt(instant.getTime(), zone);
  return `${shifted.toISOString().slice(0, 19)}${formatOffset(offset)}`;
}
