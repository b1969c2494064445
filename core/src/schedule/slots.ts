import {
  addDays,
  datesInRange,
  type LocalDate,
  minutesOfDay,
  type TimeOfDay,
  timeOfDayFromMinutes,
  todayIn,
  toInstant,
} from '../time/local';
import { OUTSIDE_WINDOW_NAME, openingHoursOn } from './opening-hours';
import type { Bilingual, BookingWindow, CentreSchedule, ClosedReason, OfferingPlan } from './types';

export type Slot = { time: TimeOfDay; start: Date; end: Date; capacity: number };

export function capacityAt(time: TimeOfDay, plan: OfferingPlan): number {
  const rule = plan.capacityRules.find((r) => r.from <= time && time < r.to);
  return rule ? rule.capacity : plan.capacity;
}

/**
 * Every slot an offering has on a local date, ignoring the booking window: starts step by the
 * slot length from each opening, a slot must end by the closing time, a start that the zone's
 * clocks skip (daylight saving) does not exist, and a time with no capacity has no slot.
 */
export function slotsOn(date: LocalDate, schedule: CentreSchedule, plan: OfferingPlan): Slot[] {
  const hours = openingHoursOn(date, schedule);
  if (!hours.open) return [];
  const slots: Slot[] = [];
  for (const interval of hours.intervals) {
    const close = minutesOfDay(interval.close);
    for (let m = minutesOfDay(interval.open); m + plan.slotMinutes <= close; m += plan.slotMinutes) {
      const time = timeOfDayFromMinutes(m);
      const capacity = capacityAt(time, plan);
      if (capacity <= 0) continue;
      const start = toInstant(date, time, schedule.timeZone);
      if (!start) continue;
      slots.push({ time, start, end: new Date(start.getTime() + plan.slotMinutes * 60_000), capacity });
    }
  }
  return slots;
}

/**
 * The span of bookable instants and dates at `now` under a booking window. The far end rolls
 * forward with the clock — a slot becomes bookable exactly `maxDaysAhead` × 24 hours before it
 * starts — so no day's slots open together at an announced midnight for scripts to race for
 * (issue 9; a slot at 09:15 thirty days out opens at 09:15 today).
 */
export function bookableRange(window: BookingWindow, timeZone: string, now: Date) {
  const latest = new Date(now.getTime() + window.maxDaysAhead * 86_400_000);
  return {
    earliest: new Date(now.getTime() + window.minLeadMinutes * 60_000),
    latest,
    firstDate: todayIn(timeZone, now),
    lastDate: todayIn(timeZone, latest),
  };
}

export type AvailabilityDay =
  | { date: LocalDate; open: true; slots: { start: Date; end: Date; capacity: number; remaining: number }[] }
  | { date: LocalDate; open: false; reason: ClosedReason; reasonName: Bilingual; slots: [] };

export type AvailabilityInput = {
  from: LocalDate;
  to: LocalDate;
  schedule: CentreSchedule;
  plan: OfferingPlan;
  window: BookingWindow;
  now: Date;
  /** Seats already taken in the slot starting at this instant (epoch ms). */
  takenAt: (startMs: number) => number;
};

/**
 * Availability of one offering for every date in a range. A closed day says why; a day of the
 * range outside the booking window is closed as OUTSIDE_BOOKING_WINDOW, and so is a day whose
 * every slot starts before the earliest bookable instant. Full slots stay listed with 0.
 */
export function listAvailability(input: AvailabilityInput): AvailabilityDay[] {
  const { schedule, plan, now } = input;
  const range = bookableRange(input.window, schedule.timeZone, now);
  return datesInRange(input.from, input.to).map((date): AvailabilityDay => {
    const hours = openingHoursOn(date, schedule);
    if (!hours.open)
      return { date, open: false, reason: hours.reason, reasonName: hours.reasonName, slots: [] };
    const outside: AvailabilityDay = {
      date,
      open: false,
      reason: 'OUTSIDE_BOOKING_WINDOW',
      reasonName: OUTSIDE_WINDOW_NAME,
      slots: [],
    };
    if (date < range.firstDate || date > range.lastDate) return outside;
    const slots = slotsOn(date, schedule, plan)
      .filter(
        (s) => s.start.getTime() >= range.earliest.getTime() && s.start.getTime() <= range.latest.getTime(),
      )
      .map((s) => ({
        start: s.start,
        end: s.end,
        capacity: s.capacity,
        remaining: Math.max(0, s.capacity - input.takenAt(s.start.getTime())),
      }));
    return slots.length === 0 ? outside : { date, open: true, slots };
  });
}

/**
 * The first instant after `now` at which listAvailability, given the same inputs but a later
 * `now`, may answer differently: a slot passing its minimum lead, a slot entering the booking
 * window, or a local midnight moving the window's first or last date. Until then an answer
 * computed at `now` is exact, so a cache may serve it (the seats aside, which it checks itself).
 */
export function availabilityChangesAt(input: Omit<AvailabilityInput, 'takenAt'>): Date {
  const { schedule, window, now } = input;
  const zone = schedule.timeZone;
  const range = bookableRange(window, zone, now);
  const lead = window.minLeadMinutes * 60_000;
  const ahead = window.maxDaysAhead * 86_400_000;
  let at = Math.min(nextMidnight(zone, now), nextMidnight(zone, range.latest) - ahead);
  for (const date of datesInRange(input.from, input.to)) {
    for (const slot of slotsOn(date, schedule, input.plan)) {
      const start = slot.start.getTime();
      // Listed while earliest <= start <= latest: it leaves once now passes start - lead, and
      // enters once now reaches start - ahead.
      if (start >= range.earliest.getTime()) at = Math.min(at, start - lead + 1);
      if (start > range.latest.getTime()) at = Math.min(at, start - ahead);
    }
  }
  return new Date(at);
}

/** The next local midnight after `instant` in the zone (an hour on, should the zone skip it). */
function nextMidnight(zone: string, instant: Date): number {
  const midnight = toInstant(addDays(todayIn(zone, instant), 1), '00:00', zone);
  return midnight?.getTime() ?? instant.getTime() + 3_600_000;
}

export type SlotCheck =
  | { ok: true; slot: Slot }
  | { ok: false; reason: 'SLOT_NOT_FOUND' | 'SLOT_IN_PAST' | 'OUTSIDE_BOOKING_WINDOW' };

/** Whether `start` is a bookable slot of the offering at `now` (capacity aside). */
export function checkSlot(
  start: Date,
  ctx: { date: LocalDate; schedule: CentreSchedule; plan: OfferingPlan; window: BookingWindow; now: Date },
): SlotCheck {
  const slot = findSlot(start, ctx);
  if (!slot) return { ok: false, reason: 'SLOT_NOT_FOUND' };
  return checkSlotTime(slot, ctx);
}

/** The slot of the day starting at `start`, or undefined: what checkSlot asks first, apart from `now`. */
export function findSlot(
  start: Date,
  ctx: { date: LocalDate; schedule: CentreSchedule; plan: OfferingPlan },
) {
  return slotsOn(ctx.date, ctx.schedule, ctx.plan).find((s) => s.start.getTime() === start.getTime());
}

/** checkSlot for a slot found already: not begun, and within the booking window at `now`. */
export function checkSlotTime(
  slot: Slot,
  ctx: { schedule: CentreSchedule; window: BookingWindow; now: Date },
): SlotCheck {
  if (slot.start.getTime() <= ctx.now.getTime()) return { ok: false, reason: 'SLOT_IN_PAST' };
  const range = bookableRange(ctx.window, ctx.schedule.timeZone, ctx.now);
  if (slot.start.getTime() < range.earliest.getTime() || slot.start.getTime() > range.latest.getTime()) {
    return { ok: false, reason: 'OUTSIDE_BOOKING_WINDOW' };
  }
  return { ok: true, slot };
}
