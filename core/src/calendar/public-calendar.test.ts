import { describe, expect, it } from 'vitest';
import { RAMADAN_HOURS } from '../country/bahrain';
import { listHolidays, planPublicCalendar } from './public-calendar';
import { BAHRAIN_RULES } from './test-fixtures';

// Sunday 29 November 2026 is in Hijri year 1448, so the plan covers 1448 and 1449.
const plan = planPublicCalendar(BAHRAIN_RULES, '2026-11-29');
const holidayOn = (date: string) => plan.holidays.find((h) => h.date === date);

describe('public calendar from rules', () => {
  it('covers the current and the next Hijri year', () => {
    expect(plan.hijriYears).toEqual({ from: 1448, to: 1449 });
  });

  it('lists every holiday of Bahrain in those years, one per date', () => {
    expect(plan.holidays.map((h) => `${h.date} ${h.name.en}`)).toEqual([
      "2026-01-01 New Year's Day",
      '2026-05-01 Labour Day',
      '2026-06-16 Hijri New Year',
      '2026-06-24 Ashura',
      '2026-06-25 Ashura',
      "2026-08-25 Prophet's Birthday",
      '2026-12-16 National Day',
      '2026-12-17 National Day',
      "2027-01-01 New Year's Day",
      '2027-03-09 Eid al-Fitr',
      '2027-03-10 Eid al-Fitr',
      '2027-03-11 Eid al-Fitr',
      '2027-05-01 Labour Day',
      '2027-05-15 Arafat Day',
      '2027-05-16 Eid al-Adha',
      '2027-05-17 Eid al-Adha',
      '2027-05-18 Eid al-Adha',
      '2027-06-06 Hijri New Year',
      '2027-06-14 Ashura',
      '2027-06-15 Ashura',
      "2027-08-14 Prophet's Birthday",
      '2027-12-16 National Day',
      '2027-12-17 National Day',
      "2028-01-01 New Year's Day",
      '2028-02-26 Eid al-Fitr',
      '2028-02-27 Eid al-Fitr',
      '2028-02-28 Eid al-Fitr',
      '2028-05-01 Labour Day',
      '2028-05-04 Arafat Day',
      '2028-05-05 Eid al-Adha',
      '2028-05-06 Eid al-Adha',
      '2028-05-07 Eid al-Adha',
      '2028-12-16 National Day',
      '2028-12-17 National Day',
    ]);
  });

  it('marks moon-dependent holidays provisional and fixed ones certain, with Arabic names', () => {
    expect(holidayOn('2027-03-09')).toEqual({
      date: '2027-03-09',
      kind: 'holiday',
      name: { en: 'Eid al-Fitr', ar: 'عيد الفطر' },
      provisional: true,
    });
    expect(holidayOn('2026-12-16')).toMatchObject({ name: { ar: 'العيد الوطني' }, provisional: false });
    expect(holidayOn('2027-08-14')).toMatchObject({
      name: { ar: 'المولد النبوي الشريف' },
      provisional: true,
    });
  });

  it('gives Ramadan hours from 1 Ramadan to the last day of Ramadan of each year, provisionally', () => {
    expect(plan.specialPeriods).toEqual([
      {
        from: '2027-02-08',
        to: '2027-03-08',
        name: { en: 'Ramadan hours', ar: 'دوام شهر رمضان' },
        weeklyHours: RAMADAN_HOURS,
        provisional: true,
      },
      expect.objectContaining({ from: '2028-01-28', to: '2028-02-25', provisional: true }),
    ]);
    // Eid al-Fitr begins the day after Ramadan hours end.
    expect(holidayOn('2027-03-09')?.name.en).toBe('Eid al-Fitr');
  });

  it('keeps one closed day when two holidays fall on the same date, certain if either is', () => {
    const holidays = listHolidays(
      [
        { name: { en: 'Eid al-Fitr', ar: 'عيد الفطر' }, calendar: 'hijri', month: 10, day: 1, days: 1 },
        { name: { en: 'Founding Day', ar: 'يوم التأسيس' }, calendar: 'gregorian', month: 3, day: 9, days: 1 },
      ],
      { from: 1448, to: 1448 },
    );
    expect(holidays.filter((h) => h.date === '2027-03-09')).toEqual([
      {
        date: '2027-03-09',
        kind: 'holiday',
        name: { en: 'Eid al-Fitr / Founding Day', ar: 'عيد الفطر / يوم التأسيس' },
        provisional: false,
      },
    ]);
  });

  it('skips a day a calendar lacks that year instead of moving it', () => {
    const holidays = listHolidays(
      [
        { name: { en: 'Leap day', ar: 'يوم كبيس' }, calendar: 'gregorian', month: 2, day: 29, days: 1 },
        { name: { en: 'Last of Ramadan', ar: 'آخر رمضان' }, calendar: 'hijri', month: 9, day: 30, days: 1 },
      ],
      { from: 1447, to: 1449 },
    );
    // Ramadan has 30 days in 1447 only; of 2025–2028 only 2028 is a leap year.
    expect(holidays.map((h) => h.date)).toEqual(['2026-03-19', '2028-02-29']);
  });

  it('computes two Hijri years it has never seen in well under 100 ms', () => {
    const started = performance.now();
    const far = planPublicCalendar(BAHRAIN_RULES, '2045-01-01');
    expect(performance.now() - started).toBeLessThan(100);
    expect(far.holidays.length).toBeGreaterThan(30);
  });
});
