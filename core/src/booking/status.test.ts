import { describe, expect, it } from 'vitest';
import {
  BOOKING_EVENTS,
  BOOKING_STATUSES,
  type BookingEvent,
  type BookingStatus,
  transitionBooking,
} from './status';

// The whole table: every status × every event. '-' means the event is refused.
const TABLE: Record<BookingStatus, Record<BookingEvent, BookingStatus | '-'>> = {
  confirmed: {
    reschedule: 'confirmed',
    cancel: 'cancelled',
    check_in: 'checked_in',
    serve: '-',
    mark_no_show: 'no_show',
  },
  checked_in: { reschedule: '-', cancel: '-', check_in: '-', serve: 'served', mark_no_show: 'no_show' },
  served: { reschedule: '-', cancel: '-', check_in: '-', serve: '-', mark_no_show: '-' },
  cancelled: { reschedule: '-', cancel: 'cancelled', check_in: '-', serve: '-', mark_no_show: '-' },
  no_show: { reschedule: '-', cancel: '-', check_in: '-', serve: '-', mark_no_show: '-' },
};

describe('booking transitions', () => {
  for (const from of BOOKING_STATUSES) {
    for (const event of BOOKING_EVENTS) {
      const expected = TABLE[from][event];
      it(`${from} --${event}--> ${expected}`, () => {
        const result = transitionBooking(from, event);
        expect(result).toEqual(
          expected === '-' ? { ok: false, reason: 'BOOKING_NOT_CHANGEABLE' } : { ok: true, to: expected },
        );
      });
    }
  }
});
