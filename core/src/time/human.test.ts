import { describe, expect, it } from 'vitest';
import { formatDayForPeople, formatTimeForPeople, formatWhenForPeople } from './human';

describe('dates and times for people', () => {
  it('write an instant in the centre’s zone, in English and Arabic with Latin digits', () => {
    const at = new Date('2026-12-01T05:30:00Z');
    expect(formatWhenForPeople(at, 'Asia/Bahrain', 'en')).toBe('Tue 1 Dec 2026, 8:30am');
    expect(formatWhenForPeople(at, 'Asia/Bahrain', 'ar')).toBe('الثلاثاء 1 ديسمبر 2026، 8:30 ص');
    expect(formatWhenForPeople(at, 'Europe/London', 'en')).toBe('Tue 1 Dec 2026, 5:30am');
  });

  it('follow daylight saving in zones that have it', () => {
    expect(formatWhenForPeople(new Date('2026-07-01T08:00:00Z'), 'Europe/London', 'en')).toBe(
      'Wed 1 Jul 2026, 9:00am',
    );
  });

  it('use a 12-hour clock with noon and midnight as 12', () => {
    expect(formatTimeForPeople('00:05', 'en')).toBe('12:05am');
    expect(formatTimeForPeople('12:00', 'en')).toBe('12:00pm');
    expect(formatTimeForPeople('13:45', 'ar')).toBe('1:45 م');
  });

  it('name the day and month', () => {
    expect(formatDayForPeople('2027-03-05', 'en')).toBe('Fri 5 Mar 2027');
    expect(formatDayForPeople('2027-03-05', 'ar')).toBe('الجمعة 5 مارس 2027');
    expect(formatDayForPeople('2027-03-05', 'ar', { short: true })).toBe('5 مارس');
    expect(formatWhenForPeople(new Date('2027-03-05T10:00:00Z'), 'Asia/Bahrain', 'en', { short: true })).toBe(
      '5 Mar, 1:00pm',
    );
  });
});
