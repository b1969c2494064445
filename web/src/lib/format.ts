import type { Language } from './language';

/**
 * Dates and times as people read them. Every instant is shown in the centre's zone (never the
 * browser's), and with Latin digits, which match ID cards, SMS and keyboards.
 */
const LOCALES: Record<Language, string> = { en: 'en-GB', ar: 'ar-BH-u-nu-latn' };

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, options: Intl.DateTimeFormatOptions, locale?: string) {
  const key = `${locale ?? LOCALES[language]}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale ?? LOCALES[language], options);
    cache.set(key, f);
  }
  return f;
}

/** A local date ('2026-12-01') at noon UTC, so formatting it in UTC never shifts the day. */
function dateOf(localDate: string): Date {
  return new Date(`${localDate}T12:00:00Z`);
}

/** "Sunday 22 March 2026" / "الأحد، 22 مارس 2026" */
export function formatDate(localDate: string, language: Language): string {
  return formatter(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(dateOf(localDate));
}

/** "Sun 22 Mar" */
export function formatShortDate(localDate: string, language: Language): string {
  return formatter(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    dateOf(localDate),
  );
}

/** The Hijri (Umm al-Qura) date: "3 شوال 1447 هـ", or in English "3 Shawwal 1447 AH". */
export function formatHijriDate(localDate: string, language: Language = 'ar'): string {
  return formatter(
    language,
    { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
    language === 'ar' ? 'ar-BH-u-ca-islamic-umalqura-nu-latn' : 'en-GB-u-ca-islamic-umalqura',
  ).format(dateOf(localDate));
}

/** "9:30 am" in the given zone. */
export function formatTime(instant: string | Date, timeZone: string, language: Language): string {
  return formatter(language, { hour: 'numeric', minute: '2-digit', hour12: true, timeZone }).format(
    typeof instant === 'string' ? new Date(instant) : instant,
  );
}

/** A time of day ('08:30') as people read it, without any zone arithmetic. */
export function formatTimeOfDay(time: string, language: Language): string {
  return formatter(language, { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'UTC' }).format(
    new Date(`1970-01-01T${time}:00Z`),
  );
}

/** The local date of an instant in a zone: '2026-12-01'. */
export function localDateOf(instant: string | Date, timeZone: string): string {
  const parts = formatter(
    'en',
    { year: 'numeric', month: '2-digit', day: '2-digit', timeZone },
    'en-CA',
  ).format(typeof instant === 'string' ? new Date(instant) : instant);
  return parts;
}

/** Morning until noon, afternoon after, in the centre's zone. */
export function isMorning(instant: string, timeZone: string): boolean {
  const hour = Number(
    formatter('en', { hour: '2-digit', hourCycle: 'h23', timeZone }, 'en-GB').format(new Date(instant)),
  );
  return hour < 12;
}

/** 20261201T053000Z, the form Google Calendar's link takes. */
export function compactUtc(instant: string): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** "Sun 22 Mar, 9:30:05 am" in the given zone: to the second, for logs and the developer inbox. */
export function formatDateTime(instant: string | Date, timeZone: string, language: Language): string {
  return formatter(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    hour12: true,
    timeZone,
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}
