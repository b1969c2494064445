import { describe, expect, it } from 'vitest';
import { canCheckIn, DEFAULT_CHECK_IN_POLICY } from './check-in-window';

const appointment = new Date('2026-12-01T06:00:00Z'); // 09:00 in Bahrain
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+03:00`);
const check = (now: Date, policy = DEFAULT_CHECK_IN_POLICY) => canCheckIn(appointment, { now, policy });

describe('the check-in window', () => {
  it.each([
    ['08:29', 'CHECK_IN_TOO_EARLY'],
    ['08:30', 'ok'],
    ['09:00', 'ok'],
    ['09:15', 'ok'],
    ['09:16', 'CHECK_IN_TOO_LATE'],
  ])('at %s the answer is %s', (time, expected) => {
    const result = check(at(time));
    expect(result.ok ? 'ok' : result.reason).toBe(expected);
  });

  it('tells the window whatever the answer', () => {
    expect(check(at('07:00')).window).toEqual({ opensAt: at('08:30'), closesAt: at('09:15') });
  });

  it('follows the service’s own window', () => {
    const strict = { earlyMinutes: 10, lateMinutes: 0 };
    expect(check(at('08:45'), strict).ok).toBe(false);
    expect(check(at('08:50'), strict).ok).toBe(true);
    expect(check(at('09:01'), strict).ok).toBe(false);
  });
});
