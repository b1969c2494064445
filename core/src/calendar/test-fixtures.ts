import { RAMADAN_HOURS } from '../country/bahrain';
import type { CalendarRules } from './public-calendar';

/** Bahrain's public holidays (reference/ux-and-locale.md §1.4) and Ramadan hours, as rules. */
export const BAHRAIN_RULES: CalendarRules = {
  holidays: [
    {
      name: { en: "New Year's Day", ar: 'رأس السنة الميلادية' },
      calendar: 'gregorian',
      month: 1,
      day: 1,
      days: 1,
    },
    { name: { en: 'Labour Day', ar: 'عيد العمال' }, calendar: 'gregorian', month: 5, day: 1, days: 1 },
    { name: { en: 'National Day', ar: 'العيد الوطني' }, calendar: 'gregorian', month: 12, day: 16, days: 2 },
    { name: { en: 'Hijri New Year', ar: 'رأس السنة الهجرية' }, calendar: 'hijri', month: 1, day: 1, days: 1 },
    { name: { en: 'Ashura', ar: 'عاشوراء' }, calendar: 'hijri', month: 1, day: 9, days: 2 },
    {
      name: { en: "Prophet's Birthday", ar: 'المولد النبوي الشريف' },
      calendar: 'hijri',
      month: 3,
      day: 12,
      days: 1,
    },
    { name: { en: 'Eid al-Fitr', ar: 'عيد الفطر' }, calendar: 'hijri', month: 10, day: 1, days: 3 },
    { name: { en: 'Arafat Day', ar: 'يوم عرفة' }, calendar: 'hijri', month: 12, day: 9, days: 1 },
    { name: { en: 'Eid al-Adha', ar: 'عيد الأضحى' }, calendar: 'hijri', month: 12, day: 10, days: 3 },
  ],
  specialPeriods: [
    { name: { en: 'Ramadan hours', ar: 'دوام شهر رمضان' }, wholeHijriMonth: 9, weeklyHours: RAMADAN_HOURS },
  ],
};
