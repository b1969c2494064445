import { randomBytes } from 'node:crypto';
import type { Language } from '@mawaeed/core/contracts/common';
import type { CheckInCreate, CheckInResult, IssuedTicket, WalkInCreate } from '@mawaeed/core/contracts/hall';
import { canCheckIn } from '@mawaeed/core/queue/check-in-window';
import { openingHoursOn } from '@mawaeed/core/schedule/opening-hours';
import { addDays, formatInZone, todayIn, toInstant, toZoned } from '@mawaeed/core/time/local';
import type { Queryable, Tx } from '../../db/client';
import { type Actor, type DeviceActor, requireStaff, type StaffActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import * as repo from './repository';
import { actorLabel, announce, type HallKit, recordHistory, toIssued } from './tickets';

/** Who may issue tickets at a centre's entrance. */
export const DESK_ROLES = ['administrator', 'centre_manager', 'receptionist'] as const;

/**
 * A receptionist of the centre, or a kiosk of the centre. A board cannot issue tickets; a kiosk
 * cannot set a priority category (nobody checks eligibility at a kiosk: the person asks at the
 * desk), and its answers never carry one.
 */
export function requireDesk(actor: Actor, centreId: string, priority?: string): StaffActor | DeviceActor {
  if (actor.kind === 'device') {
    if (actor.centreId !== centreId) throw new AppError('NOT_FOUND');
    if (actor.deviceKind !== 'kiosk' || priority !== undefined) throw new AppError('FORBIDDEN');
    return actor;
  }
  return requireStaff(actor, { roles: DESK_ROLES, centreId });
}

/** A fresh token for the live ticket page: 128 random bits, not the number. */
const newLiveToken = () => randomBytes(16).toString('base64url');

type Offered = Awaited<ReturnType<HallKit['catalogue']['loadOfferingAt']>>;

/** Whether the centre takes people in now: an open day, before its last closing time. */
function isHallOpen(ctx: Offered, now: Date) {
  const hours = openingHoursOn(ctx.date, ctx.schedule);
  if (!hours.open) return false;
  const lastClose = hours.intervals.reduce((max, i) => (i.close > max ? i.close : max), '00:00');
  const closesAt = toInstant(ctx.date, lastClose, ctx.centre.timeZone);
  return closesAt !== null && now.getTime() < closesAt.getTime();
}

export function createCheckIns(kit: HallKit) {
  const { db, clock, bookings, catalogue } = kit;

  async function issue(
    tx: Tx,
    ctx: Offered,
    values: Pick<repo.TicketRow, 'kind' | 'priority' | 'bookingId' | 'customerId' | 'appointmentAt'>,
    actor: StaffActor | DeviceActor,
  ) {
    const now = clock.now();
    const key = { centreId: ctx.centre.id, serviceId: ctx.service.id, day: ctx.date };
    const sequence = await repo.nextSequence(tx, key);
    const ticket = await repo.insertTicket(tx, {
      ...key,
      ...values,
      letter: ctx.service.letter,
      sequence,
      number: `${ctx.service.letter}-${String(sequence).padStart(3, '0')}`,
      status: 'waiting',
      issuedAt: now,
      queuedAt: now,
      liveToken: newLiveToken(),
    });
    await recordHistory(kit, tx, ticket, { event: 'issue', fromStatus: null, actor, counterId: null });
    await announce(kit, tx, ctx.centre.id);
    return ticket;
  }

  const view = (ticket: repo.TicketRow, ctx: Offered, actor: StaffActor | DeviceActor, q: Queryable = db) =>
    toIssued(
      kit,
      ticket,
      { serviceName: ctx.service.name, zone: ctx.centre.timeZone, forStaff: actor.kind === 'staff' },
      q,
    );

  /** The booking a check-in means: by reference, or the person's booking today at this centre. */
  async function findBooking(centreId: string, input: CheckInCreate) {
    const now = clock.now();
    if (input.reference !== undefined) {
      const booking = await bookings.findByReference(db, input.reference);
      return booking?.centreId === centreId ? booking : undefined;
    }
    const zone = (await catalogue.requireCentre(centreId)).timeZone;
    const today = todayIn(zone, now);
    const from = toInstant(today, '00:00', zone);
    const to = toInstant(addDays(today, 1), '00:00', zone);
    if (!from || !to || input.cpr === undefined) return undefined;
    const found = await bookings.listForHall(db, {
      centreId,
      from,
      to,
      cpr: input.cpr,
      statuses: ['confirmed', 'checked_in'],
    });
    // Several today (two services): the one whose window is open, else the next, else the last.
    return (
      found.find((b) => b.status === 'checked_in') ??
      found.find((b) => b.startsAt.getTime() + 15 * 60_000 >= now.getTime()) ??
      found.at(-1)
    );
  }

  async function checkIn(
    actor: Actor,
    centreId: string,
    input: CheckInCreate,
  ): Promise<{ status: 200 | 201; body: CheckInResult }> {
    const desk = requireDesk(actor, centreId, input.priority);
    const now = clock.now();
    const booking = await findBooking(centreId, input);
    if (!booking || booking.status === 'cancelled') throw new AppError('BOOKING_NOT_FOUND');
    const ctx = await catalogue.loadOfferingAt(centreId, booking.serviceId, now);
    const zone = ctx.centre.timeZone;
    const already = async () => {
      const ticket = await repo.findTicketOfBooking(db, booking.id);
      return ticket
        ? { status: 200 as const, body: { ticket: await view(ticket, ctx, desk), alreadyCheckedIn: true } }
        : undefined;
    };
    if (booking.status !== 'confirmed') {
      const replay = await already();
      if (replay) return replay;
      throw new AppError('BOOKING_NOT_CHANGEABLE');
    }
    const check = canCheckIn(booking.startsAt, {
      now,
      policy: { earlyMinutes: ctx.service.checkInEarlyMinutes, lateMinutes: ctx.service.checkInLateMinutes },
    });
    if (!check.ok) {
      const walkInAvailable =
        check.reason === 'CHECK_IN_TOO_LATE' &&
        ctx.service.walkIns &&
        isHallOpen(ctx, now) &&
        (await repo.walkInsLeft(
          db,
          { centreId, serviceId: ctx.service.id, day: ctx.date },
          ctx.offering.walkInDailyCapacity,
        ));
      const local = (d: Date) => toZoned(d, zone).time;
      throw new AppError(
        check.reason,
        { from: local(check.window.opensAt), to: local(check.window.closesAt) },
        {
          window: {
            opensAt: formatInZone(check.window.opensAt, zone),
            closesAt: formatInZone(check.window.closesAt, zone),
          },
          walkInAvailable,
          serviceId: ctx.service.id,
        },
      );
    }
    const ticket = await db.transaction(async (tx) => {
      // The booking row lock orders two desks checking in the same booking at once.
      const marked = await bookings.markInTransaction(tx, booking.id, 'check_in', actorLabel(desk));
      if (!marked) return (await repo.findTicketOfBooking(tx, booking.id)) ?? null;
      return issue(
        tx,
        ctx,
        {
          kind: 'appointment',
          priority: input.priority ?? null,
          bookingId: booking.id,
          customerId: booking.customerId,
          appointmentAt: booking.startsAt,
        },
        desk,
      ).then((t) => ({ ...t, fresh: true as const }));
    });
    if (!ticket) throw new AppError('BOOKING_NOT_CHANGEABLE');
    const fresh = 'fresh' in ticket;
    return {
      status: fresh ? 201 : 200,
      body: { ticket: await view(ticket, ctx, desk), alreadyCheckedIn: !fresh },
    };
  }

  /**
   * A walk-in ticket. With an Idempotency-Key (per desk or kiosk), a retried request gets the
   * ticket it already issued instead of a second one.
   */
  async function issueWalkIn(
    actor: Actor,
    centreId: string,
    input: WalkInCreate,
    request: { idempotencyKey?: string | undefined; language: Language },
  ): Promise<IssuedTicket> {
    const desk = requireDesk(actor, centreId, input.priority);
    const now = clock.now();
    const ctx = await catalogue.loadOfferingAt(centreId, input.serviceId, now);
    if (!ctx.service.walkIns) throw new AppError('WALK_INS_NOT_ACCEPTED');
    if (!isHallOpen(ctx, now)) throw new AppError('HALL_CLOSED');
    const keyed = request.idempotencyKey
      ? {
          scope: `POST /api/v1/centres/walk-ins:${centreId}:${desk.kind}:${desk.id}`,
          key: request.idempotencyKey,
          body: input,
          language: request.language,
        }
      : null;
    const outcome = await kit.idempotency.run(keyed, async (tx) => {
      const key = { centreId, serviceId: ctx.service.id, day: ctx.date };
      if (!(await repo.takeWalkIn(tx, key, ctx.offering.walkInDailyCapacity))) {
        throw new AppError('WALK_IN_CAPACITY_REACHED');
      }
      const ticket = await issue(
        tx,
        ctx,
        {
          kind: 'walk_in',
          priority: input.priority ?? null,
          bookingId: null,
          customerId: null,
          appointmentAt: null,
        },
        desk,
      );
      return { status: 201, body: await view(ticket, ctx, desk, tx) };
    });
    return outcome.body;
  }

  return { checkIn, issueWalkIn };
}
