import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RAMADAN_HOURS } from '../country/bahrain';
import { formatInZone } from '../time/local';
import { openingHoursOn } from './opening-hours';
import { availabilityChangesAt, checkSlot, listAvailability, slotsOn } from './slots';
import { bahrainSchedule, plan } from './test-fixtures';
import type { WeeklyHours } from './types';

const window = { minLeadMinutes: 60, maxDaysAhead: 30 };
// Sunday 29 November 2026, 10:00 in Bahrain.
const now = new Date('2026-11-29T07:00:00Z');
const free = () => 0;

describe('opening hours', () => {
  it('closes the weekend simply because it has no hours', () => {
    expect(openingHoursOn('2026-12-04', bahrainSchedule())).toMatchObject({
      open: false,
      reason: 'WEEKLY_CLOSED',
    });
    expect(openingHoursOn('2026-12-06', bahrainSchedule())).toMatchObject({ open: true });
  });

  it('lets a holiday close an otherwise open day, with its name', () => {
    const schedule = bahrainSchedule({
      closures: [{ date: '2026-12-16', kind: 'holiday', name: { en: 'National Day', ar: 'العيد الوطني' } }],
    });
    expect(openingHoursOn('2026-12-16', schedule)).toEqual({
      open: false,
      reason: 'HOLIDAY',
      reasonName: { en: 'National Day', ar: 'العيد الوطني' },
    });
  });

  it('keeps only the remaining hours of a half day', () => {
    const schedule = bahrainSchedule({
      closures: [
        {
          date: '2026-12-07',
          kind: 'closure',
          name: { en: 'Half day', ar: 'نصف يوم' },
          openHours: [{ open: '07:00', close: '11:00' }],
        },
      ],
    });
    expect(openingHoursOn('2026-12-07', schedule)).toMatchObject({
      open: true,
      intervals: [{ open: '07:00', close: '11:00' }],
    });
  });

  it('replaces the week with Ramadan hours inside the period only', () => {
    const schedule = bahrainSchedule({
      specialPeriods: [
        {
          from: '2027-02-08',
          to: '2027-03-08',
          name: { en: 'Ramadan', ar: 'رمضان' },
          weeklyHours: RAMADAN_HOURS,
        },
      ],
    });
    expect(openingHoursOn('2027-02-08', schedule)).toMatchObject({
      intervals: [{ open: '08:00', close: '14:00' }],
    });
    expect(openingHoursOn('2027-03-09', schedule)).toMatchObject({
      intervals: [{ open: '07:00', close: '14:15' }],
    });
  });
});

describe('slots', () => {
  it('steps by the slot length and ends every slot by closing time', () => {
    const slots = slotsOn('2026-12-06', bahrainSchedule(), plan({ slotMinutes: 20 }));
    expect(slots[0]?.time).toBe('07:00');
    expect(slots.at(-1)?.time).toBe('13:40'); // 13:40–14:00 fits; 14:00–14:20 would pass 14:15
    expect(slots).toHaveLength(21);
  });

  it('uses several intervals a day', () => {
    const hours: WeeklyHours = {
      ...bahrainSchedule().weeklyHours,
      sun: [
        { open: '08:00', close: '09:00' },
        { open: '17:00', close: '18:00' },
      ],
    };
    const times = slotsOn(
      '2026-12-06',
      bahrainSchedule({ weeklyHours: hours }),
      plan({ slotMinutes: 30 }),
    ).map((s) => s.time);
    expect(times).toEqual(['08:00', '08:30', '17:00', '17:30']);
  });

  it('gives capacity by time of day and no slot where capacity is zero', () => {
    const p = plan({
      capacity: 2,
      capacityRules: [
        { from: '07:00', to: '09:00', capacity: 4 },
        { from: '12:00', to: '14:15', capacity: 0 },
      ],
    });
    const slots = slotsOn('2026-12-06', bahrainSchedule(), p);
    expect(slots.find((s) => s.time === '08:45')?.capacity).toBe(4);
    expect(slots.find((s) => s.time === '09:00')?.capacity).toBe(2);
    expect(slots.at(-1)?.time).toBe('11:45');
  });

  it('returns slots with the centre’s offset', () => {
    const [first] = slotsOn('2026-12-06', bahrainSchedule(), plan());
    expect(first && formatInZone(first.start, 'Asia/Bahrain')).toBe('2026-12-06T07:00:00+03:00');
  });

  it('follows London’s clocks across the spring daylight-saving change', () => {
    const london = bahrainSchedule({
      timeZone: 'Europe/London',
      weeklyHours: { ...bahrainSchedule().weeklyHours, sun: [{ open: '00:00', close: '03:00' }] },
    });
    const slots = slotsOn('2026-03-29', london, plan({ slotMinutes: 30 }));
    // 01:00–01:59 does not exist that night.
    expect(slots.map((s) => s.time)).toEqual(['00:00', '00:30', '02:00', '02:30']);
    expect(slots.map((s) => formatInZone(s.start, 'Europe/London'))).toEqual([
      '2026-03-29T00:00:00+00:00',
      '2026-03-29T00:30:00+00:00',
      '2026-03-29T02:00:00+01:00',
      '2026-03-29T02:30:00+01:00',
    ]);
  });

  it('keeps a London morning at 09:00 local on both sides of the autumn change', () => {
    const london = bahrainSchedule({ timeZone: 'Europe/London' });
    const before = slotsOn('2026-10-22', london, plan())[0];
    const after = slotsOn('2026-10-29', london, plan())[0];
    expect(before && formatInZone(before.start, 'Europe/London')).toBe('2026-10-22T07:00:00+01:00');
    expect(after && formatInZone(after.start, 'Europe/London')).toBe('2026-10-29T07:00:00+00:00');
  });
});

describe('availability', () => {
  it('lists every date of the range, closed days with their reason', () => {
    const days = listAvailability({
      from: '2026-11-29',
      to: '2026-12-05',
      schedule: bahrainSchedule(),
      plan: plan(),
      window,
      now,
      takenAt: free,
    });
    expect(days.map((d) => [d.date, d.open ? 'open' : d.reason])).toEqual([
      ['2026-11-29', 'open'],
      ['2026-11-30', 'open'],
      ['2026-12-01', 'open'],
      ['2026-12-02', 'open'],
      ['2026-12-03', 'open'],
      ['2026-12-04', 'WEEKLY_CLOSED'],
      ['2026-12-05', 'WEEKLY_CLOSED'],
    ]);
  });

  it('offers today only from now plus the lead time', () => {
    const [today] = listAvailability({
      from: '2026-11-29',
      to: '2026-11-29',
      schedule: bahrainSchedule(),
      plan: plan(),
      window,
      now,
      takenAt: free,
    });
    expect(today?.open && formatInZone(today.slots[0]?.start as Date, 'Asia/Bahrain')).toBe(
      '2026-11-29T11:00:00+03:00',
    );
  });

  it('closes past days and days beyond the window as OUTSIDE_BOOKING_WINDOW', () => {
    const days = listAvailability({
      from: '2026-11-26',
      to: '2026-12-31',
      schedule: bahrainSchedule(),
      plan: plan(),
      window,
      now,
      takenAt: free,
    });
    const reasonOf = (date: string) => {
      const d = days.find((x) => x.date === date);
      return d?.open ? 'open' : d?.reason;
    };
    expect(reasonOf('2026-11-26')).toBe('OUTSIDE_BOOKING_WINDOW');
    expect(reasonOf('2026-12-29')).toBe('open'); // today + 30
    expect(reasonOf('2026-12-30')).toBe('OUTSIDE_BOOKING_WINDOW');
  });

  it('opens the far end slot by slot as the clock moves, never a whole day at midnight', () => {
    // now is 10:00 in Bahrain on 29 November; the window is 30 days of 24 hours.
    const farDay = (at: Date) => {
      const [day] = listAvailability({
        from: '2026-12-29',
        to: '2026-12-29',
        schedule: bahrainSchedule(),
        plan: plan(),
        window,
        now: at,
        takenAt: free,
      });
      return day?.open ? day.slots.map((s) => formatInZone(s.start, 'Asia/Bahrain').slice(11, 16)) : [];
    };
    expect(farDay(now).at(-1)).toBe('10:00');
    expect(farDay(new Date(now.getTime() + 15 * 60_000)).at(-1)).toBe('10:15');
    // Just before 07:00 the day before, nothing of 29 December is open yet.
    expect(farDay(new Date('2026-11-29T03:59:00Z'))).toEqual([]);
    const ctx = { schedule: bahrainSchedule(), plan: plan(), window, now, date: '2026-12-29' };
    expect(checkSlot(new Date('2026-12-29T07:00:00Z'), ctx).ok).toBe(true);
    expect(checkSlot(new Date('2026-12-29T07:15:00Z'), ctx)).toEqual({
      ok: false,
      reason: 'OUTSIDE_BOOKING_WINDOW',
    });
  });

  it('closes today once its last slot is inside the lead time', () => {
    const late = new Date('2026-11-29T10:30:00Z'); // 13:30 in Bahrain
    const [today] = listAvailability({
      from: '2026-11-29',
      to: '2026-11-29',
      schedule: bahrainSchedule(),
      plan: plan(),
      window,
      now: late,
      takenAt: free,
    });
    expect(today).toMatchObject({ open: false, reason: 'OUTSIDE_BOOKING_WINDOW' });
  });

  it('keeps full slots listed with nothing remaining', () => {
    const full = new Date('2026-11-30T04:00:00Z').getTime(); // 07:00 Bahrain
    const [day] = listAvailability({
      from: '2026-11-30',
      to: '2026-11-30',
      schedule: bahrainSchedule(),
      plan: plan({ capacity: 2 }),
      window,
      now,
      takenAt: (ms) => (ms === full ? 2 : ms === full + 15 * 60_000 ? 1 : 0),
    });
    expect(day?.open && day.slots.slice(0, 3).map((s) => s.remaining)).toEqual([0, 1, 2]);
  });
});

describe('checking a requested slot', () => {
  const ctx = { schedule: bahrainSchedule(), plan: plan(), window, now };

  it('accepts a real slot inside the window', () => {
    expect(checkSlot(new Date('2026-11-30T05:00:00Z'), { ...ctx, date: '2026-11-30' }).ok).toBe(true);
  });

  it('refuses a time between slots, a past slot and one too far ahead', () => {
    expect(checkSlot(new Date('2026-11-30T05:05:00Z'), { ...ctx, date: '2026-11-30' })).toEqual({
      ok: false,
      reason: 'SLOT_NOT_FOUND',
    });
    expect(checkSlot(new Date('2026-11-29T04:00:00Z'), { ...ctx, date: '2026-11-29' })).toEqual({
      ok: false,
      reason: 'SLOT_IN_PAST',
    });
    expect(checkSlot(new Date('2026-11-29T07:30:00Z'), { ...ctx, date: '2026-11-29' })).toEqual({
      ok: false,
      reason: 'OUTSIDE_BOOKING_WINDOW',
    });
    expect(checkSlot(new Date('2026-12-31T05:00:00Z'), { ...ctx, date: '2026-12-31' })).toEqual({
      ok: false,
      reason: 'OUTSIDE_BOOKING_WINDOW',
    });
  });
});

describe('when an availability answer changes with the clock alone', () => {
  const from = '2026-11-29';
  const to = '2026-12-31';
  const at = (input: Parameters<typeof availabilityChangesAt>[0], when: Date) =>
    listAvailability({ ...input, now: when, takenAt: free });

  it('stays the same answer until the instant it names, whatever the clock, plan and window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 14 * 86_400_000 }),
        fc.constantFrom(10, 15, 20, 30, 45),
        fc.integer({ min: 0, max: 24 * 60 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (offset, slotMinutes, minLeadMinutes, maxDaysAhead, fraction) => {
          const input = {
            from,
            to,
            schedule: bahrainSchedule(),
            plan: plan({ slotMinutes }),
            window: { minLeadMinutes, maxDaysAhead },
            now: new Date(Date.parse('2026-11-28T21:00:00Z') + offset),
          };
          const changesAt = availabilityChangesAt(input).getTime();
          expect(changesAt).toBeGreaterThan(input.now.getTime());
          const later = input.now.getTime() + Math.floor((changesAt - 1 - input.now.getTime()) * fraction);
          expect(at(input, new Date(later))).toEqual(at(input, input.now));
          expect(at(input, new Date(changesAt - 1))).toEqual(at(input, input.now));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names the moment the first slot passes its lead, and the answer drops it then', () => {
    // Sunday 10:00 in Bahrain with an hour's lead: 11:00 is the first slot, gone a moment later.
    const input = { from, to, schedule: bahrainSchedule(), plan: plan(), window, now };
    const changesAt = availabilityChangesAt(input);
    expect(changesAt.toISOString()).toBe('2026-11-29T07:00:00.001Z');
    const first = (when: Date) => {
      const day = at(input, when).find((d) => d.date === '2026-11-29');
      return day?.open ? formatInZone(day.slots[0]?.start ?? when, 'Asia/Bahrain') : null;
    };
    expect(first(now)).toBe('2026-11-29T11:00:00+03:00');
    expect(first(changesAt)).toBe('2026-11-29T11:15:00+03:00');
  });

  it('names the moment a slot enters the far end of the window', () => {
    // At 13:05 on Sunday no slot is within the hour's lead today: the next change is 13:15 on
    // the last day of the window opening, 30 days out (Tuesday 29 December).
    const late = new Date('2026-11-29T10:05:00Z');
    const input = { from, to, schedule: bahrainSchedule(), plan: plan(), window, now: late };
    const changesAt = availabilityChangesAt(input);
    expect(changesAt.toISOString()).toBe('2026-11-29T10:15:00.000Z');
    const lastDay = (when: Date) => at(input, when).find((d) => d.date === '2026-12-29');
    const count = (when: Date) => {
      const day = lastDay(when);
      return day?.open ? day.slots.length : 0;
    };
    expect(count(changesAt)).toBe(count(late) + 1);
  });
});
