/** The booking state machine: one transition function, tested as a full table. */
export const BOOKING_STATUSES = ['confirmed', 'checked_in', 'served', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_EVENTS = ['reschedule', 'cancel', 'check_in', 'serve', 'mark_no_show'] as const;
export type BookingEvent = (typeof BOOKING_EVENTS)[number];

const TRANSITIONS: Record<BookingStatus, Partial<Record<BookingEvent, BookingStatus>>> = {
  confirmed: {
    reschedule: 'confirmed',
    cancel: 'cancelled',
    check_in: 'checked_in',
    mark_no_show: 'no_show',
  },
  // Checked in but never reached the counter (left the hall) ends as a no-show.
  checked_in: { serve: 'served', mark_no_show: 'no_show' },
  served: {},
  // Cancelling again changes nothing: cancel is harmless to repeat.
  cancelled: { cancel: 'cancelled' },
  no_show: {},
};

export type Transition = { ok: true; to: BookingStatus } | { ok: false; reason: 'BOOKING_NOT_CHANGEABLE' };

export function transitionBooking(from: BookingStatus, event: BookingEvent): Transition {
  const to = TRANSITIONS[from][event];
  return to ? { ok: true, to } : { ok: false, reason: 'BOOKING_NOT_CHANGEABLE' };
}

/** Statuses that hold a seat and count toward the per-person limit. */
export function holdsSeat(status: BookingStatus): boolean {
  return status === 'confirmed' || status === 'checked_in';
}
