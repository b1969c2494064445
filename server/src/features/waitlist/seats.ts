import { checkSlot } from '@mawaeed/core/schedule/slots';
import { todayIn, toZoned } from '@mawaeed/core/time/local';
import {
  matchesSeat,
  type OpenSeat,
  offerExpiry,
  pickEntry,
  releaseAt,
  type WaitlistOrder,
} from '@mawaeed/core/waitlist/matching';
import type { Db, Tx } from '../../db/client';
import { lockScheduleShared } from '../../db/schedule-lock';
import type { HoldStatus } from '../../db/schema-waitlist';
import type { Clock } from '../../lib/clock';
import { makeSecret } from '../../lib/personal-data';
import type { SeatFreed } from '../bookings/service';
import type { CatalogueService } from '../catalogue/service';
import type { Jobs } from '../jobs/service';
import type { Messages } from '../messages/service';
import { renderWaitlistOffer } from '../messages/waitlist-templates';
import * as repo from './repository';

export const END_HOLD = 'waitlist.hold-ends';

export type SeatPolicy = {
  offerMinutes: number;
  /** 0: a seat nobody on the waitlist matches is public again at once. */
  releaseDelaySeconds: number;
  order: WaitlistOrder;
};

type Seat = SeatFreed;

/** The link of an offer message: the token alone finds the offer (short enough for an SMS). */
export function offerLink(publicUrl: string, token: string) {
  return `${publicUrl}/waitlist/offer#token=${token}`;
}

/**
 * Where freed seats go. Every path that frees a seat (cancel, reschedule, an admin change that
 * adds capacity or opens a day, an offer declined or lapsed) calls in here inside its own
 * transaction, under the centre's schedule lock taken shared (or exclusive for admin changes),
 * so the seat is held (slot_loads.held) before any other booking can see it: it goes to the
 * earliest-joined matching waitlist entry as an offer, else it is held for a random delay and
 * then released (or released at once when the delay is off). The seat is never lost: every hold
 * ends in a booking, the next offer, or availability.
 */
export function createSeats(deps: {
  db: Db;
  clock: Clock;
  catalogue: CatalogueService;
  jobs: Jobs;
  messages: Messages;
  publicUrl: string;
  policy: SeatPolicy;
  random: () => number;
}) {
  const { clock, catalogue, jobs, messages, policy } = deps;

  /** The slot as the schedule has it now, or null when it is no longer bookable. */
  async function slotNow(tx: Tx, seat: Seat) {
    let ctx: Awaited<ReturnType<CatalogueService['loadOfferingAt']>>;
    try {
      ctx = await catalogue.loadOfferingAt(seat.centreId, seat.serviceId, seat.startsAt, tx);
    } catch {
      return null; // the offering ended
    }
    const check = checkSlot(seat.startsAt, { ...ctx, now: clock.now() });
    if (!check.ok) return null;
    const zoned = toZoned(seat.startsAt, ctx.centre.timeZone);
    const open: OpenSeat = {
      serviceId: seat.serviceId,
      centreId: seat.centreId,
      date: zoned.date,
      time: zoned.time,
    };
    return { ...ctx, slot: check.slot, open };
  }

  /** The next entry in line for a seat, locked for the offer, with when the offer would lapse. */
  async function findTaker(tx: Tx, seat: Seat, ctx: NonNullable<Awaited<ReturnType<typeof slotNow>>>) {
    const expiresAt = offerExpiry(seat.startsAt, {
      now: clock.now(),
      offerMinutes: policy.offerMinutes,
      minLeadMinutes: ctx.service.minLeadMinutes,
    });
    if (!expiresAt) return null;
    const wishes = (await repo.listCandidates(tx, { ...seat, date: ctx.open.date }, policy.order)).map(
      (e) => ({
        ...e,
        from: e.fromDate,
        to: e.toDate,
      }),
    );
    const passed = new Set<string>();
    for (;;) {
      const wish = pickEntry(wishes, ctx.open, passed, policy.order);
      if (!wish) return null;
      // Another transaction offering this entry a seat right now: the next in line gets this one.
      const entry = await repo.lockWaitingEntry(tx, wish.id);
      if (entry) return { entry, expiresAt };
      passed.add(wish.id);
    }
  }

  async function offer(
    tx: Tx,
    seat: Seat,
    ctx: NonNullable<Awaited<ReturnType<typeof slotNow>>>,
    taker: { entry: repo.EntryRow; expiresAt: Date },
    freedAt: Date,
  ) {
    const now = clock.now();
    const secret = makeSecret();
    const hold = await repo.insertHold(tx, {
      offeringId: seat.offeringId,
      startsAt: seat.startsAt,
      kind: 'offer',
      entryId: taker.entry.id,
      tokenHash: secret.hash,
      freedAt,
      createdAt: now,
      expiresAt: taker.expiresAt,
    });
    await repo.updateEntry(tx, taker.entry.id, { status: 'offered', updatedAt: now });
    await jobs.enqueue(tx, END_HOLD, { payload: { holdId: hold.id }, runAt: taker.expiresAt });
    const { entry } = taker;
    await messages.queuePersonMessage(tx, {
      kind: 'waitlist_offer',
      to: { mobile: entry.contactMobile, email: entry.contactEmail, language: entry.language },
      rendered: renderWaitlistOffer(entry.language, {
        serviceName: ctx.service.name,
        centreName: ctx.centre.name,
        startsAt: seat.startsAt,
        timeZone: ctx.centre.timeZone,
        expiresAt: taker.expiresAt,
        link: offerLink(deps.publicUrl, secret.token),
      }),
    });
    return hold;
  }

  /**
   * Places one seat: to the next matching entry, else (when `mayDelay`) held for the random
   * release delay, else back to availability. `held` says whether the seat is already counted in
   * slot_loads.held (a hold passing on) or was just freed from `booked`.
   */
  async function placeSeat(
    tx: Tx,
    seat: Seat,
    opts: { held: boolean; freedAt: Date; mayDelay: boolean },
  ): Promise<'offered' | 'delayed' | 'released'> {
    const ctx = await slotNow(tx, seat);
    const taker = ctx ? await findTaker(tx, seat, ctx) : null;
    const hold = async () =>
      opts.held ||
      (ctx !== null && (await repo.holdSeat(tx, seat.offeringId, seat.startsAt, ctx.slot.capacity)));
    if (ctx && taker && (await hold())) {
      await offer(tx, seat, ctx, taker, opts.freedAt);
      return 'offered';
    }
    if (ctx && opts.mayDelay && policy.releaseDelaySeconds > 0 && (await hold())) {
      const now = clock.now();
      const expiresAt = releaseAt(now, policy.releaseDelaySeconds, deps.random());
      const row = await repo.insertHold(tx, {
        offeringId: seat.offeringId,
        startsAt: seat.startsAt,
        kind: 'release',
        freedAt: opts.freedAt,
        createdAt: now,
        expiresAt,
      });
      await jobs.enqueue(tx, END_HOLD, { payload: { holdId: row.id }, runAt: expiresAt });
      return 'delayed';
    }
    if (opts.held) await repo.unholdSeat(tx, seat.offeringId, seat.startsAt);
    return 'released';
  }

  /** A cancel or reschedule gave a seat back (bookings' onSeatFreed). */
  async function seatFreed(tx: Tx, seat: Seat) {
    await placeSeat(tx, seat, { held: false, freedAt: clock.now(), mayDelay: true });
  }

  async function seatOf(tx: Tx, hold: repo.HoldRow): Promise<Seat | null> {
    const offering = await repo.findOffering(tx, hold.offeringId);
    if (!offering) return null;
    return {
      centreId: offering.centreId,
      serviceId: offering.serviceId,
      offeringId: offering.id,
      startsAt: hold.startsAt,
    };
  }

  /**
   * Ends an active hold (the caller holds the centre's lock and the hold's row lock) and passes
   * its seat on. An offer declined or lapsed puts its entry back in line (it is not offered this
   * seat again); a release that comes due still looks for someone who joined meanwhile.
   */
  async function endHold(
    tx: Tx,
    hold: repo.HoldRow,
    status: Extract<HoldStatus, 'declined' | 'expired' | 'released'>,
  ) {
    const now = clock.now();
    if (hold.entryId) await repo.updateEntry(tx, hold.entryId, { status: 'waiting', updatedAt: now });
    const seat = await seatOf(tx, hold);
    const placed = seat
      ? await placeSeat(tx, seat, { held: true, freedAt: hold.freedAt, mayDelay: hold.kind === 'offer' })
      : 'released';
    const final: HoldStatus = hold.kind === 'release' && placed === 'offered' ? 'passed' : status;
    await repo.endHold(tx, hold.id, { status: final, decidedAt: now });
  }

  /** The job at a hold's expiry: harmless when the hold already ended (accepted, declined). */
  async function runHoldEnd(payload: Record<string, unknown>) {
    const id = String(payload.holdId);
    const found = await repo.findHold(deps.db, id);
    if (found?.status !== 'active') return;
    const offering = await repo.findOffering(deps.db, found.offeringId);
    await deps.db.transaction(async (tx) => {
      if (offering) await lockScheduleShared(tx, offering.centreId);
      const hold = await repo.lockHold(tx, id);
      if (hold?.status !== 'active' || hold.expiresAt.getTime() > clock.now().getTime()) return;
      await endHold(tx, hold, hold.kind === 'offer' ? 'expired' : 'released');
    });
  }

  /** An admin change cuts a slot below its seats: the newest holds give way (entries wait again). */
  async function withdrawHolds(tx: Tx, offeringId: string, startsAt: Date, count: number) {
    const now = clock.now();
    for (const hold of await repo.lockActiveHolds(tx, offeringId, startsAt, count)) {
      await repo.endHold(tx, hold.id, { status: 'withdrawn', decidedAt: now });
      if (hold.entryId) await repo.updateEntry(tx, hold.entryId, { status: 'waiting', updatedAt: now });
      await repo.unholdSeat(tx, offeringId, startsAt);
    }
  }

  /**
   * After an admin change (more capacity, an opened day, ended closures): each waiting entry of
   * the centres it touched, in the queue's order, is offered the earliest free seat it matches.
   */
  async function seatsOpened(tx: Tx, centreIds: string[]) {
    const now = clock.now();
    for (const entry of await repo.listWaitingAt(tx, centreIds, policy.order)) {
      const wish = { ...entry, from: entry.fromDate, to: entry.toDate };
      let best:
        | { seat: Seat; ctx: NonNullable<Awaited<ReturnType<typeof slotNow>>>; expiresAt: Date }
        | undefined;
      const range = rangeOf(entry, now);
      if (!range) continue;
      for (const centreId of entry.centreIds.filter((id) => centreIds.includes(id))) {
        const found = await catalogue.listOpenSlots(centreId, entry.serviceId, range, tx);
        if (!found) continue;
        for (const slot of found.slots) {
          if (best && best.seat.startsAt.getTime() <= slot.start.getTime()) break;
          const zoned = toZoned(slot.start, found.centre.timeZone);
          const open = { serviceId: entry.serviceId, centreId, date: zoned.date, time: zoned.time };
          if (!matchesSeat(wish, open)) continue;
          const expiresAt = offerExpiry(slot.start, {
            now,
            offerMinutes: policy.offerMinutes,
            minLeadMinutes: found.service.minLeadMinutes,
          });
          if (!expiresAt || (await repo.wasOffered(tx, entry.id, found.offering.id, slot.start))) continue;
          const seat = {
            centreId,
            serviceId: entry.serviceId,
            offeringId: found.offering.id,
            startsAt: slot.start,
          };
          const ctx = await slotNow(tx, seat);
          if (ctx) best = { seat, ctx, expiresAt };
          break;
        }
      }
      if (!best) continue;
      const locked = await repo.lockWaitingEntry(tx, entry.id);
      if (!locked) continue;
      if (!(await repo.holdSeat(tx, best.seat.offeringId, best.seat.startsAt, best.ctx.slot.capacity)))
        continue;
      await offer(tx, best.seat, best.ctx, { entry: locked, expiresAt: best.expiresAt }, now);
    }
  }

  /** The part of an entry's range still ahead (availability lists only bookable days anyway). */
  function rangeOf(entry: repo.EntryRow, now: Date) {
    const yesterday = todayIn('UTC', new Date(now.getTime() - 86_400_000));
    const from = entry.fromDate > yesterday ? entry.fromDate : yesterday;
    return entry.toDate >= from ? { from, to: entry.toDate } : null;
  }

  return {
    seatFreed,
    endHold,
    withdrawHolds,
    seatsOpened,
    holdEndJob: { run: runHoldEnd },
    order: policy.order,
  };
}
export type Seats = ReturnType<typeof createSeats>;
