import type { AffectedBooking, OnAffected } from '@mawaeed/core/contracts/admin';
import { slotsOn } from '@mawaeed/core/schedule/slots';
import type { CentreSchedule } from '@mawaeed/core/schedule/types';
import { formatInZone, toZoned } from '@mawaeed/core/time/local';
import type { Tx } from '../../db/client';
import { lockSchedules } from '../../db/schedule-lock';
import type { StaffActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Audit } from '../audit/service';
import type { BookingService } from '../bookings/service';
import { loadSchedule } from '../catalogue/service';
import * as repo from './repository';

export type GuardOutcome = { affected: AffectedBooking[]; decision: OnAffected | null };

/**
 * Staff never overbook and never strand a booking silently. After an admin change is written
 * (inside its transaction), this looks at every future slot of the centres it touched that
 * holds seats: a slot the new schedule no longer has, or whose new capacity is below its seats,
 * strands bookings (the latest-made give way first). Without a decision the transaction rolls
 * back with 409 BOOKINGS_AFFECTED listing them; `cancel` cancels them through the booking
 * service's cancel path, `keep` leaves their seats (capacity stays at what is booked). Either
 * way every future slot row ends with the new capacity, so a raise or cut takes effect at once.
 */
export type SeatHooks = {
  /** Ends up to `count` holds of a slot (offers withdrawn), so a cut never leaves a hold over capacity. */
  withdrawHolds(tx: Tx, offeringId: string, startsAt: Date, count: number): Promise<void>;
  /** After the change: seats it opened (more capacity, an opened day) go to matching waitlist entries. */
  seatsOpened(tx: Tx, centreIds: string[]): Promise<void>;
};

export function createScheduleGuard(deps: {
  clock: Clock;
  bookings: BookingService;
  audit: Audit;
  /** The waitlist's part (late-bound: the waitlist is built after the guard's users). */
  seats?: () => SeatHooks;
}) {
  const { clock, bookings, audit } = deps;

  async function newCapacities(tx: Tx, centreIds: string[], now: Date) {
    const loads = await repo.lockFutureLoads(tx, centreIds, now);
    const centres = new Map((await repo.findCentres(tx, centreIds)).map((c) => [c.id, c]));
    const schedules = new Map<string, CentreSchedule>();
    const result: {
      load: (typeof loads)[number];
      capacity: number;
      zone: string;
      /** The slot's local date when a holiday or closure falls on it now. */
      closedDay: string | undefined;
    }[] = [];
    for (const load of loads) {
      const centre = centres.get(load.centreId);
      if (!centre) continue;
      const date = toZoned(load.startsAt, centre.timeZone).date;
      const key = `${centre.id}|${date}`;
      let schedule = schedules.get(key);
      if (!schedule) {
        schedule = await loadSchedule(tx, centre, date, date);
        schedules.set(key, schedule);
      }
      const slot = load.isOffered
        ? slotsOn(date, schedule, load.plan).find((s) => s.start.getTime() === load.startsAt.getTime())
        : undefined;
      const closedDay = schedule.closures.some((c) => c.date === date) ? date : undefined;
      result.push({ load, capacity: slot?.capacity ?? 0, zone: centre.timeZone, closedDay });
    }
    return result;
  }

  async function reconcile(
    tx: Tx,
    actor: StaffActor,
    centreIds: string[],
    decision: OnAffected | undefined,
  ): Promise<GuardOutcome> {
    const now = clock.now();
    // Callers lock first (before any row lock of theirs); taking it again here costs nothing.
    await lockSchedules(tx, centreIds);
    const slots = await newCapacities(tx, [...new Set(centreIds)], now);
    const affected: (AffectedBooking & { id: string; closedDay: string | undefined })[] = [];
    for (const { load, capacity } of slots) {
      // Held seats give way before bookings do: an offer is withdrawn, its entry waits again.
      const over = Math.min(load.held, load.booked + load.held - capacity);
      if (over > 0 && deps.seats) {
        await deps.seats().withdrawHolds(tx, load.offeringId, load.startsAt, over);
        load.held -= over;
      }
    }
    for (const { load, capacity, zone, closedDay } of slots) {
      if (load.booked <= capacity) continue;
      const holders = await repo.listSeatHolders(tx, load.offeringId, load.startsAt, load.booked - capacity);
      for (const h of holders) {
        affected.push({
          id: h.id,
          reference: h.reference,
          start: formatInZone(h.startsAt, zone),
          status: h.status,
          centreId: h.centreId,
          serviceId: h.serviceId,
          closedDay,
        });
      }
    }
    const listed = affected.map(({ id: _id, closedDay: _day, ...rest }) => rest);
    if (affected.length > 0 && !decision) {
      throw new AppError('BOOKINGS_AFFECTED', { count: affected.length }, { bookings: listed });
    }
    if (decision === 'cancel') {
      for (const b of affected) {
        await bookings.cancelInTransaction(tx, b.reference, {
          actor: `staff:${actor.id}`,
          reason: 'admin_change',
          closedDay: b.closedDay,
        });
      }
      await audit.record(
        tx,
        actor,
        affected.map((b) => ({
          action: 'cancel',
          entity: 'booking',
          entityId: b.id,
          centreId: b.centreId,
          before: { status: b.status },
          after: { status: 'cancelled', reason: 'admin_change' },
        })),
      );
    }
    for (const { load, capacity } of slots) {
      if (load.capacity !== capacity)
        await repo.setLoadCapacity(tx, load.offeringId, load.startsAt, capacity);
    }
    await repo.dropEmptyLoads(tx, [...new Set(centreIds)], now);
    await deps.seats?.().seatsOpened(tx, [...new Set(centreIds)]);
    return { affected: listed, decision: affected.length > 0 ? (decision ?? null) : null };
  }

  /**
   * The exclusive schedule lock of the centres a change touches: the first statement of every
   * admin transaction that reconciles, so it never waits for a booking while holding a row lock
   * that booking needs (see db/schedule-lock.ts).
   */
  return {
    lockSchedules,
    reconcile,
    centresOffering: repo.centresOffering,
    allCentreIds: repo.allCentreIds,
  };
}
export type ScheduleGuard = ReturnType<typeof createScheduleGuard>;
