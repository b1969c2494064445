import { type LocalDate, toZoned, type Weekday, weekdayOf } from './local';

/**
 * Dates and times written for people, in the centre's zone. One explicit pattern per language
 * (reference/ux-and-locale.md §1.7): English day-month-year with a 12-hour clock ("Tue 1 Dec
 * 2026, 8:30am"), Arabic with Arabic month names and Latin digits ("الثلاثاء 1 ديسمبر 2026، 8:30 ص").
 */
const EN_DAYS: Record<Weekday, string> = {
  sun: 'Sun',
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
};
const AR_DAYS: Record<Weekday, string> = {
  sun: 'الأحد',
  mon: 'الاثنين',
  tue: 'الثلاثاء',
  wed: 'الأربعاء',
  thu: 'الخميس',
  fri: 'الجمعة',
  sat: 'السبت',
};
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// The Gulf's names of the Gregorian months.
const AR_MONTHS = [
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'مايو',
  'يونيو',
  'يوليو',
  'أغسطس',
  'سبتمبر',
  'أكتوبر',
  'نوفمبر',
  'ديسمبر',
];

export type HumanLanguage = 'en' | 'ar';

/** "Tue 1 Dec 2026" / "الثلاثاء 1 ديسمبر 2026"; short, for tight SMS: "1 Dec" / "1 ديسمبر". */
export function formatDayForPeople(
  date: LocalDate,
  language: HumanLanguage,
  options: { short?: boolean } = {},
) {
  const [y, m, d] = date.split('-').map(Number);
  const month = (m ?? 1) - 1;
  const weekday = weekdayOf(date);
  if (options.short) return language === 'ar' ? `${d} ${AR_MONTHS[month]}` : `${d} ${EN_MONTHS[month]}`;
  return language === 'ar'
    ? `${AR_DAYS[weekday]} ${d} ${AR_MONTHS[month]} ${y}`
    : `${EN_DAYS[weekday]} ${d} ${EN_MONTHS[month]} ${y}`;
}

/** "8:30am" / "8:30 ص". */
export function formatTimeForPeople(time: string, language: HumanLanguage): string {
  const [h = 0, min = 0] = time.split(':').map(Number);
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const clock = `${hour12}:${String(min).padStart(2, '0')}`;
  if (language === 'ar') return `${clock} ${h < 12 ? 'ص' : 'م'}`;
  return `${clock}${h < 12 ? 'am' : 'pm'}`;
}

/** An instant as the centre's clocks show it: "Tue 1 Dec 2026, 8:30am". */
export function formatWhenForPeople(
  instant: Date,
  zone: string,
  language: HumanLanguage,
  options: { short?: boolean } = {},
): string {
  const { date, time } = toZoned(instant, zone);
  const separator = language === 'ar' ? '، ' : ', ';
  return `${formatDayForPeople(date, language, options)}${separator}${formatTimeForPeople(time, language)}`;
}
