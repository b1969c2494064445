import { type LocalDate, minutesOfDay, type TimeOfDay } from '../time/local';

/** Parts of the day a person on the waitlist accepts, by the slot's local start time. */
export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

/** Morning before 12:00, afternoon 12:00–15:59, evening from 16:00 (the centre's local time). */
export function partOfDay(time: TimeOfDay): PartOfDay {
  const m = minutesOfDay(time);
  if (m < 12 * 60) return 'morning';
  if (m < 16 * 60) return 'afternoon';
  return 'evening';
}

/** What a waitlist entry accepts. */
export type WaitlistWish = {
  id: string;
  serviceId: string;
  centreIds: readonly string[];
  from: LocalDate;
  to: LocalDate;
  timesOfDay: readonly PartOfDay[];
  /** Place in the joining order (lower joined earlier). */
  seq: number;
  /** The lottery number drawn when the entry joined (only the `lottery` order reads it). */
  draw: number;
};

/**
 * Who is offered a freed seat first among the entries it matches: `joined`, first come first
 * served; or `lottery`, the lowest number drawn at random when each entry joined (ties, which
 * are all but impossible, by joining order). Drawing once at joining and keeping the number makes
 * the lottery checkable afterwards and gives a late joiner the same chance as the first.
 */
export const WAITLIST_ORDERS = ['joined', 'lottery'] as const;
export type WaitlistOrder = (typeof WAITLIST_ORDERS)[number];

export function queueCompare(order: WaitlistOrder) {
  return (a: Pick<WaitlistWish, 'seq' | 'draw'>, b: Pick<WaitlistWish, 'seq' | 'draw'>) =>
    (order === 'lottery' ? a.draw - b.draw : 0) || a.seq - b.seq;
}

/** A seat that is free to offer, with its slot's local date and time at its centre. */
export type OpenSeat = { serviceId: string; centreId: string; date: LocalDate; time: TimeOfDay };

export function matchesSeat(wish: WaitlistWish, seat: OpenSeat): boolean {
  return (
    wish.serviceId === seat.serviceId &&
    wish.centreIds.includes(seat.centreId) &&
    wish.from <= seat.date &&
    seat.date <= wish.to &&
    wish.timesOfDay.includes(partOfDay(seat.time))
  );
}

/**
 * The entry a freed seat goes to: the first in the queue's order (see queueCompare) among those
 * it matches, leaving out entries already offered this seat (they declined or let it lapse).
 * Neither order is a speed contest at the moment a seat frees.
 */
export function pickEntry<W extends WaitlistWish>(
  wishes: readonly W[],
  seat: OpenSeat,
  alreadyOffered: ReadonlySet<string> = new Set(),
  order: WaitlistOrder = 'joined',
): W | undefined {
  return [...wishes]
    .filter((w) => !alreadyOffered.has(w.id) && matchesSeat(w, seat))
    .sort(queueCompare(order))[0];
}

/** An offer shorter than this is not worth sending: the seat is released instead. */
export const MIN_OFFER_MINUTES = 5;

/**
 * When an offer of a seat starting at `start` lapses: after the configured minutes, but never
 * later than half the time left before the booking window closes on the slot (start − lead
 * time), so a soon slot gets a short offer and the next in line still has a chance. Null when
 * that leaves less than MIN_OFFER_MINUTES.
 */
export function offerExpiry(
  start: Date,
  policy: { now: Date; offerMinutes: number; minLeadMinutes: number },
): Date | null {
  const closesAt = start.getTime() - policy.minLeadMinutes * 60_000;
  const left = closesAt - policy.now.getTime();
  const minutes = Math.min(policy.offerMinutes, left / 2 / 60_000);
  if (minutes < MIN_OFFER_MINUTES) return null;
  return new Date(policy.now.getTime() + Math.floor(minutes * 60_000));
}

/**
 * When a freed seat that nobody on the waitlist matches returns to public availability: a
 * random moment within `maxSeconds` (0: at once), so polling for cancellations wins nothing.
 */
export function releaseAt(now: Date, maxSeconds: number, random: number): Date {
  return new Date(now.getTime() + Math.floor(Math.max(0, Math.min(random, 1)) * maxSeconds) * 1000);
}
