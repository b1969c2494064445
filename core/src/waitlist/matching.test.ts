import { describe, expect, it } from 'vitest';
import {
  matchesSeat,
  type OpenSeat,
  offerExpiry,
  partOfDay,
  pickEntry,
  releaseAt,
  type WaitlistWish,
} from './matching';

const wish = (over: Partial<WaitlistWish> = {}): WaitlistWish => ({
  id: 'w1',
  serviceId: 'passport',
  centreIds: ['isa-town', 'muharraq'],
  from: '2026-12-01',
  to: '2026-12-10',
  timesOfDay: ['morning'],
  seq: 1,
  draw: 0,
  ...over,
});
const seat = (over: Partial<OpenSeat> = {}): OpenSeat => ({
  serviceId: 'passport',
  centreId: 'isa-town',
  date: '2026-12-05',
  time: '09:00',
  ...over,
});

describe('parts of the day', () => {
  it.each([
    ['07:00', 'morning'],
    ['11:59', 'morning'],
    ['12:00', 'afternoon'],
    ['15:45', 'afternoon'],
    ['16:00', 'evening'],
    ['21:30', 'evening'],
  ])('%s is %s', (time, part) => expect(partOfDay(time)).toBe(part));
});

describe('a seat matches an entry', () => {
  it.each<[string, Partial<WaitlistWish>, Partial<OpenSeat>, boolean]>([
    ['same service, centre, date and part of day', {}, {}, true],
    ['another service', {}, { serviceId: 'residency' }, false],
    ['a centre the person did not choose', {}, { centreId: 'sitra' }, false],
    ['the second centre chosen', {}, { centreId: 'muharraq' }, true],
    ['the first day of the range', {}, { date: '2026-12-01' }, true],
    ['the last day of the range', {}, { date: '2026-12-10' }, true],
    ['the day before the range', {}, { date: '2026-11-30' }, false],
    ['the day after the range', {}, { date: '2026-12-11' }, false],
    ['an afternoon slot for a morning-only entry', {}, { time: '13:00' }, false],
    [
      'an afternoon slot when afternoons are accepted',
      { timesOfDay: ['morning', 'afternoon'] },
      { time: '13:00' },
      true,
    ],
    ['an evening slot when only evenings are accepted', { timesOfDay: ['evening'] }, { time: '16:30' }, true],
  ])('%s → %s', (_name, w, s, expected) => expect(matchesSeat(wish(w), seat(s))).toBe(expected));
});

describe('who gets the seat', () => {
  const early = wish({ id: 'early', seq: 2 });
  const late = wish({ id: 'late', seq: 3 });
  const lateAfternoon = wish({ id: 'pm', timesOfDay: ['afternoon'], seq: 1 });

  it('goes to the earliest joined entry that matches, whatever the list order', () => {
    expect(pickEntry([late, early], seat())?.id).toBe('early');
  });
  it('skips an earlier entry that does not match the seat', () => {
    expect(pickEntry([lateAfternoon, late, early], seat())?.id).toBe('early');
  });
  it('skips entries already offered this seat (declined or lapsed)', () => {
    expect(pickEntry([late, early], seat(), new Set(['early']))?.id).toBe('late');
  });
  it('finds nobody when nothing matches', () => {
    expect(pickEntry([lateAfternoon], seat())).toBeUndefined();
  });

  describe('by lottery', () => {
    const first = wish({ id: 'first', seq: 1, draw: 900 });
    const second = wish({ id: 'second', seq: 2, draw: 40 });
    const third = wish({ id: 'third', seq: 3, draw: 40 });
    const afternoon = wish({ id: 'pm', seq: 4, draw: 1, timesOfDay: ['afternoon'] });
    it('goes to the lowest draw that matches, not the earliest joined', () => {
      expect(pickEntry([first, second, afternoon], seat(), new Set(), 'lottery')?.id).toBe('second');
    });
    it('breaks a tied draw by joining order', () => {
      expect(pickEntry([third, second, first], seat(), new Set(), 'lottery')?.id).toBe('second');
    });
    it('skips those already offered the seat', () => {
      expect(pickEntry([first, second, third], seat(), new Set(['second', 'third']), 'lottery')?.id).toBe(
        'first',
      );
    });
    it('is joining order again when the order is joined', () => {
      expect(pickEntry([third, second, first], seat(), new Set(), 'joined')?.id).toBe('first');
    });
  });
});

describe('how long an offer stands', () => {
  const now = new Date('2026-11-29T06:00:00Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  it.each<[string, number, number, number | null]>([
    ['a slot days away: the configured 30 minutes', 3 * 24 * 60, 60, 30],
    ['a slot 3 hours away with a 60-minute lead: 30 minutes', 180, 60, 30],
    ['a slot 100 minutes away with a 60-minute lead: half of the 40 left', 100, 60, 20],
    ['a slot 69 minutes away with a 60-minute lead: too short to offer', 69, 60, null],
    ['a slot 11 minutes away with no lead: 5.5 minutes', 11, 0, 5.5],
  ])('%s', (_name, startIn, lead, expected) => {
    const expiry = offerExpiry(at(startIn), { now, offerMinutes: 30, minLeadMinutes: lead });
    expect(expiry).toEqual(expected === null ? null : at(expected));
  });
});

describe('release of an unmatched seat', () => {
  const now = new Date('2026-11-29T06:00:00Z');
  it('is at once when the delay is off', () => expect(releaseAt(now, 0, 0.7)).toEqual(now));
  it('is a random moment within the maximum', () => {
    expect(releaseAt(now, 120, 0.5)).toEqual(new Date(now.getTime() + 60_000));
    expect(releaseAt(now, 120, 0.999).getTime()).toBeLessThanOrEqual(now.getTime() + 120_000);
  });
});
