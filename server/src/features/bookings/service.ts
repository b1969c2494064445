import { randomBytes, randomUUID } from 'node:crypto';
import { makeReference, parseReference } from '@mawaeed/core/booking/reference';
import { type BookingEvent, holdsSeat, transitionBooking } from '@mawaeed/core/booking/status';
import type { Booking, BookingCreate, BookingCreated } from '@mawaeed/core/contracts/bookings';
import type { Language } from '@mawaeed/core/contracts/common';
import { BAHRAIN } from '@mawaeed/core/country/profile';
import { type NoShowRule, noShowStanding } from '@mawaeed/core/customer/no-shows';
import { checkSlot, checkSlotTime } from '@mawaeed/core/schedule/slots';
import { formatInZone, todayIn } from '@mawaeed/core/time/local';
import type { Db, Queryable, Tx } from '../../db/client';
import { lockScheduleShared, scheduleSharedOpening } from '../../db/schedule-lock';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Metrics } from '../../lib/metrics';
import { hashSecret, makeSecret, type PersonalData } from '../../lib/personal-data';
import type { Captcha } from '../captcha/service';
import type { CatalogueService } from '../catalogue/service';
import type { AnswerKey, Idempotency, Outcome } from '../idempotency/service';
import type { Verifications } from '../verifications/service';
import { renderCalendar } from './calendar';
import type { BookingNotices } from './notices';
import * as repo from './repository';

export type RequestContext = {
  language: Language;
  idempotencyKey?: string | undefined;
  /** Who acts: 'citizen', 'partner:<key name>', or 'staff:<id>' once that exists. */
  actor: string;
  channel: string;
  /**
   * Set when a partner's API key books on behalf of a person: the partner vouches for them, so
   * no one-time code or captcha; per-person limits still hold, and idempotency keys are the key's own.
   */
  partnerKeyId?: string;
};

const country = BAHRAIN;

/** What the public view of a booking reads of it (a booking about to be inserted has it all). */
type ViewedBooking = Pick<
  repo.BookingRow,
  | 'reference'
  | 'status'
  | 'centreId'
  | 'serviceId'
  | 'startsAt'
  | 'endsAt'
  | 'contactName'
  | 'contactMobile'
  | 'language'
>;

/** A seat given back to its slot by a cancel or a reschedule. */
export type SeatFreed = { centreId: string; serviceId: string; offeringId: string; startsAt: Date };

export function createBookingService(deps: {
  db: Db;
  clock: Clock;
  catalogue: CatalogueService;
  idempotency: Idempotency;
  personalData: PersonalData;
  publicUrl: string;
  metrics: Metrics;
  /** Proof of work on booking; null when MAWAEED_CAPTCHA is off. */
  captcha: Captcha | null;
  notices: BookingNotices;
  /** One-time codes, when MAWAEED_OTP is on. */
  verifications: Verifications | null;
  /**
   * Told of every seat a cancel or reschedule gives back, in the same transaction, so the
   * waitlist holds it for the next person in line before anyone else can see it (late-bound).
   */
  onSeatFreed?: () => (tx: Tx, seat: SeatFreed) => Promise<void>;
  /** Repeated no-shows (MAWAEED_NO_SHOW_*): under `block`, a person at the limit cannot book. */
  noShow?: NoShowRule;
}) {
  const { db, clock, catalogue, idempotency, personalData, metrics, notices, verifications } = deps;

  async function seatFreed(tx: Tx, booking: repo.BookingRow) {
    await deps.onSeatFreed?.()(tx, {
      centreId: booking.centreId,
      serviceId: booking.serviceId,
      offeringId: booking.offeringId,
      startsAt: booking.startsAt,
    });
  }

  /** Counts each write by its outcome for /metrics, and passes the outcome or error on. */
  async function counted<T>(action: string, write: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    try {
      const outcome = await write();
      metrics.bookings.inc({ action, outcome: outcome.replayed ? 'replayed' : 'done' });
      return outcome;
    } catch (err) {
      metrics.bookings.inc({ action, outcome: err instanceof AppError ? err.code : 'error' });
      throw err;
    }
  }

  /** What the public sees of a booking; `zone` is its centre's (looked up outside transactions). */
  function toView(row: ViewedBooking, zone: string): Booking {
    return {
      reference: row.reference,
      status: row.status,
      centreId: row.centreId,
      serviceId: row.serviceId,
      start: formatInZone(row.startsAt, zone),
      end: formatInZone(row.endsAt, zone),
      customer: {
        name: row.contactName,
        mobileMasked: country.maskMobile(row.contactMobile),
        language: row.language,
      },
    };
  }

  /** A bookable slot of the offering at `start`, or the reason it is not one. */
  async function requireSlot(centreId: string, serviceId: string, start: Date, within?: Queryable) {
    const ctx = await catalogue.loadOfferingAt(centreId, serviceId, start, within);
    const check = checkSlot(start, { ...ctx, now: clock.now() });
    if (!check.ok) throw new AppError(check.reason);
    return { ...ctx, slot: check.slot };
  }

  /**
   * The early check before a booking's transaction, on the catalogue's recent answer: a pass is
   * checked again under the schedule lock inside the transaction, and a refusal is confirmed on
   * a fresh read, so a stale answer never decides anything.
   */
  async function precheckSlot(centreId: string, serviceId: string, start: Date) {
    const ctx = await catalogue.peekOfferingAt(centreId, serviceId, start);
    if (ctx?.slot && checkSlotTime(ctx.slot, { ...ctx, now: clock.now() }).ok) return ctx.offering.id;
    return (await requireSlot(centreId, serviceId, start)).offering.id;
  }

  /** The booking, its token and its history row, under a reference no other booking has. */
  async function insertWithFreshReference(
    tx: Tx,
    values: Omit<repo.NewBooking, 'id' | 'reference'>,
    extra: { tokenHash: string; actor: string; at: Date },
  ) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await repo.insertBookingWithTokenAndHistory(
        tx,
        { ...values, id: randomUUID(), reference: makeReference((n) => randomBytes(n)) },
        extra,
      );
      if (row) return row;
    }
    throw new Error('could not draw a free booking reference');
  }

  /**
   * Slots a booking found full in the last minute, by offering and start: a hint of where the
   * fast refusal's read is likely to pay, never an answer (the read decides).
   */
  const fullSlots = (() => {
    const until = new Map<string, number>();
    return {
      isSuspect: (key: string) => (until.get(key) ?? 0) > performance.now(),
      saw(key: string) {
        if (until.size >= 10_000) until.clear();
        until.set(key, performance.now() + 60_000);
      },
      forget: (key: string) => void until.delete(key),
    };
  })();

  function scopeOf(route: string, reference?: string) {
    return reference ? `${route}:${reference}` : route;
  }

  async function bookSlot(input: BookingCreate, ctx: RequestContext): Promise<Outcome<BookingCreated>> {
    const codes = ctx.partnerKeyId ? null : verifications;
    const captcha = ctx.partnerKeyId ? null : deps.captcha;
    if (codes && !input.verification) throw new AppError('VERIFICATION_REQUIRED');
    const start = new Date(input.start);
    const offeringId = await precheckSlot(input.centreId, input.serviceId, start);
    const request = ctx.idempotencyKey
      ? {
          // Two partners (or a partner and a person) choosing the same key must never share answers.
          scope: scopeOf('POST /api/v1/bookings', ctx.partnerKeyId && `key:${ctx.partnerKeyId}`),
          key: ctx.idempotencyKey,
          body: input,
          language: ctx.language,
        }
      : null;
    const { verification } = input;
    if (codes && verification) {
      // A retry of a finished request gets its answer, though its code is used by now.
      const replay = await idempotency.findReplay<BookingCreated>(request);
      if (replay) return replay;
      await codes.check(verification, { purpose: 'book', mobile: input.customer.mobile });
    }
    // Most answers of a release burst are refusals: for a slot found full lately, one read
    // confirms it before a transaction writes and rolls back the person's rows. A seat it misses
    // is still taken only by the guarded upsert inside the transaction; a refusal is stored
    // under the key as any is. Other slots skip the read (people arriving together at a free one).
    const slotKey = `${offeringId}|${start.getTime()}`;
    if (fullSlots.isSuspect(slotKey)) {
      if (await repo.isSlotFull(db, offeringId, start)) {
        fullSlots.saw(slotKey);
        return idempotency.refuse(request, new AppError('SLOT_FULL'));
      }
      fullSlots.forget(slotKey);
    }
    const booked = idempotency.run(
      request,
      async (tx, key) => {
        // bookInTransaction checks the slot again under the centre's schedule lock.
        if (codes && verification) await codes.consume(tx, verification);
        // Checked here, inside the write, so a replay of an answered request needs no fresh proof.
        if (captcha) await captcha.spendAnswer(tx, await captcha.checkAnswer(input.captcha));
        const created = (view: Booking, manageToken: string): BookingCreated => ({ ...view, manageToken });
        const { view, manageToken, kept } = await bookInTransaction(tx, {
          centreId: input.centreId,
          serviceId: input.serviceId,
          start,
          customer: input.customer,
          actor: ctx.actor,
          channel: ctx.channel,
          // The answer is stored under the key by the booking's own statement.
          ...(key ? { answer: { key, status: 201, body: created } } : {}),
        });
        return { status: 201, body: created(view, manageToken), kept };
      },
      scheduleSharedOpening(input.centreId),
    );
    return booked.catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'SLOT_FULL') fullSlots.saw(slotKey);
      throw err;
    });
  }

  /** The person's row by CPR (sealed), created or refreshed with the contact they just gave. */
  function upsertCustomer(tx: Tx, customer: BookingCreate['customer']) {
    return repo.upsertCustomer(tx, customerRow(customer));
  }

  function customerRow(customer: BookingCreate['customer']) {
    return {
      cprHash: personalData.lookupHash(customer.cpr),
      cprCipher: personalData.encrypt(customer.cpr),
      name: customer.name,
      mobile: customer.mobile,
      email: customer.email ?? null,
      language: customer.language,
    };
  }

  /** Under the `block` policy, from when a person's no-shows count against them now; else null. */
  function noShowsSince(now: Date) {
    const rule = deps.noShow;
    return rule?.policy === 'block' ? new Date(now.getTime() - rule.days * 86_400_000) : null;
  }

  /** Under the `block` policy, a person with too many recent no-shows is told until when. */
  function refuseOverNoShowLimit(missed: Date[], timeZone: string, now: Date) {
    const rule = deps.noShow;
    if (rule?.policy !== 'block') return;
    const standing = noShowStanding(missed, { now, rule });
    if (standing.isBlocked && standing.limitLiftsAt) {
      throw new AppError(
        'NO_SHOW_LIMIT',
        { count: standing.count, days: rule.days, until: todayIn(timeZone, standing.limitLiftsAt) },
        { until: formatInZone(standing.limitLiftsAt, timeZone) },
      );
    }
  }

  /**
   * The one way a booking is made, inside the caller's transaction: the slot checked under the
   * centre's schedule lock (on the catalogue's recent answer, its version checked by the
   * booking's statement, or read again), the person's limit, the seat (taken from public
   * availability, or one held for them by a waitlist offer), the booking, its token, history and
   * notices.
   */
  async function bookInTransaction(
    tx: Tx,
    input: {
      centreId: string;
      serviceId: string;
      start: Date;
      customer: BookingCreate['customer'];
      actor: string;
      channel: string;
      /** Takes the seat; by default a free one. A waitlist offer passes its held seat here. */
      claimSeat?: (tx: Tx, offeringId: string, start: Date, capacity: number) => Promise<boolean>;
      /**
       * The request's answer, made from the booking's view and token, to store under its claimed
       * Idempotency-Key in the booking's statement; `kept` in the result says whether it was (not
       * on a waitlist seat or after a reference collision: the caller stores it then).
       */
      answer?: { key: AnswerKey; status: number; body: (view: Booking, manageToken: string) => unknown };
    },
  ) {
    await lockScheduleShared(tx, input.centreId);
    // A free seat is booked on the catalogue's recent answer when there is one: the booking's
    // statement checks the catalogue's version under the lock and writes nothing if it moved.
    const recent = input.claimSeat ? null : recentSlot(input.centreId, input.serviceId, input.start);
    if (recent) {
      const made = await bookOn(tx, input, recent, recent.version);
      if (made) return made;
    }
    const fresh = await requireSlot(input.centreId, input.serviceId, input.start, tx);
    const made = await bookOn(tx, input, fresh, null);
    if (!made) throw new Error('a booking read under the lock found the catalogue changed');
    return made;
  }

  /**
   * The slot of the catalogue's recent answer (read before the transaction; never read here,
   * where a read would wait for a second connection) if it is bookable now, with the version it
   * was read at; null if there is no such answer or the slot is not bookable on it (then the
   * slot is read under the lock, which gives the refusal).
   */
  function recentSlot(centreId: string, serviceId: string, start: Date) {
    const ctx = catalogue.recentOfferingAt(centreId, serviceId, start);
    if (!ctx?.slot || !checkSlotTime(ctx.slot, { ...ctx, now: clock.now() }).ok) return null;
    return { ...ctx, slot: ctx.slot };
  }

  /**
   * bookInTransaction's writes for a slot and its offering, read either under the lock
   * (`version` null) or at `version` of the catalogue; undefined when the catalogue has moved
   * since that version (nothing written).
   */
  async function bookOn(
    tx: Tx,
    input: Parameters<typeof bookInTransaction>[1],
    { centre, service, offering, slot }: Awaited<ReturnType<typeof requireSlot>>,
    version: string | null,
  ) {
    const secret = makeSecret();
    const extra = { tokenHash: secret.hash, actor: input.actor, at: clock.now() };
    const values = {
      centreId: input.centreId,
      serviceId: input.serviceId,
      offeringId: offering.id,
      status: 'confirmed' as const,
      startsAt: slot.start,
      endsAt: slot.end,
      channel: input.channel,
      contactName: input.customer.name,
      contactMobile: input.customer.mobile,
      contactEmail: input.customer.email ?? null,
      language: input.customer.language,
    };
    const manageToken = secret.token;
    let booking: repo.BookingRow;
    let kept = false;
    if (input.claimSeat) {
      // A waitlist offer's held seat: the person's rows, then that seat, statement by statement.
      const { customerId, held } = await repo.upsertCustomerWithHold(tx, customerRow(input.customer), {
        serviceId: service.id,
        limit: service.perPersonLimit,
      });
      const now = clock.now();
      const since = noShowsSince(now);
      if (since)
        refuseOverNoShowLimit(await repo.listNoShowStarts(tx, customerId, since), centre.timeZone, now);
      if (!held) throw new AppError('PERSON_LIMIT');
      if (!(await input.claimSeat(tx, offering.id, slot.start, slot.capacity)))
        throw new AppError('SLOT_FULL');
      booking = await insertWithFreshReference(tx, { ...values, customerId }, extra);
      await notices.booked(tx, { booking, centre, service, manageToken });
    } else {
      // A free seat: the person, their hold, the seat, the booking and its notices in one
      // statement, which also reads the person's recent no-shows when the limit is enforced.
      // The notices are drawn (and the messages sealed) before it, from the booking it inserts.
      const now = clock.now();
      const planned = { ...values, id: randomUUID(), reference: makeReference((n) => randomBytes(n)) };
      const written = await repo.bookForPerson(
        tx,
        customerRow(input.customer),
        { limit: service.perPersonLimit },
        { capacity: slot.capacity },
        planned,
        extra,
        noShowsSince(now),
        notices.planBooked({ booking: planned, centre, service, manageToken }),
        input.answer
          ? {
              key: input.answer.key,
              status: input.answer.status,
              body: input.answer.body(toView(planned, centre.timeZone), manageToken),
            }
          : null,
        version,
      );
      if (!written.current) return undefined;
      // The refusals answer in the order they always did: no-show limit, person limit, seat;
      // each rolls back everything the statement wrote.
      refuseOverNoShowLimit(written.noShows, centre.timeZone, now);
      if (!written.held) throw new AppError('PERSON_LIMIT');
      if (!written.seated) throw new AppError('SLOT_FULL');
      if (written.booking) {
        booking = written.booking;
        kept = written.kept;
      } else {
        // The reference was taken: no booking and no notices were written; both again under another.
        booking = await insertWithFreshReference(tx, { ...values, customerId: written.customerId }, extra);
        await notices.booked(tx, { booking, centre, service, manageToken });
      }
    }
    return { booking, manageToken, centre, view: toView(booking, centre.timeZone), kept };
  }

  /** The booking that a reference and manage token open; anything else looks like no booking. */
  async function authorise(referenceInput: string, token: string | undefined) {
    const reference = parseReference(referenceInput);
    if (!reference || !token) throw new AppError('BOOKING_NOT_FOUND');
    const booking = await repo.findBookingByToken(db, reference, hashSecret(token));
    if (!booking) throw new AppError('BOOKING_NOT_FOUND');
    return booking;
  }

  async function getBooking(reference: string, token: string | undefined): Promise<Booking> {
    const booking = await authorise(reference, token);
    return toView(booking, await catalogue.findCentreZone(booking.centreId));
  }

  /** Locks the booking for a change and checks the change is allowed from its status now. */
  async function lockForChange(tx: Tx, reference: string, event: BookingEvent) {
    const booking = await repo.findBookingByReference(tx, reference, { forUpdate: true });
    if (!booking) throw new AppError('BOOKING_NOT_FOUND');
    const transition = transitionBooking(booking.status, event);
    if (!transition.ok) throw new AppError(transition.reason);
    if (event !== 'cancel' || booking.status !== 'cancelled') {
      // A booking whose time has come can no longer be moved or cancelled online.
      if (booking.startsAt.getTime() <= clock.now().getTime()) throw new AppError('BOOKING_NOT_CHANGEABLE');
    }
    return { booking, to: transition.to };
  }

  async function cancelBooking(
    referenceInput: string,
    token: string | undefined,
    body: { reason?: string | undefined },
    ctx: RequestContext,
  ): Promise<Outcome<Booking>> {
    const { reference, centreId } = await authorise(referenceInput, token);
    const zone = await catalogue.findCentreZone(centreId);
    const request = ctx.idempotencyKey
      ? {
          scope: scopeOf('POST /api/v1/bookings/cancel', reference),
          key: ctx.idempotencyKey,
          body,
          language: ctx.language,
        }
      : null;
    return idempotency.run(
      request,
      async (tx) => {
        await lockScheduleShared(tx, centreId);
        const updated = await cancelInTransaction(tx, reference, {
          actor: ctx.actor,
          reason: body.reason ?? null,
        });
        return { status: 200, body: toView(updated, zone) };
      },
      scheduleSharedOpening(centreId),
    );
  }

  /**
   * The one cancel path: frees the seat and the person's hold and appends history, inside the
   * caller's transaction (a citizen's cancel, or staff cancelling what an admin change strands).
   */
  async function cancelInTransaction(
    tx: Tx,
    reference: string,
    by: {
      actor: string;
      reason: string | null;
      /** The booking's day was closed by staff: the person gets the closure notice instead. */
      closedDay?: string | undefined;
    },
  ) {
    const { booking } = await lockForChange(tx, reference, 'cancel');
    // Cancelling again changes nothing and tells nobody anything twice.
    if (booking.status === 'cancelled') return booking;
    await repo.releaseSeat(tx, booking.offeringId, booking.startsAt);
    await seatFreed(tx, booking);
    await repo.releasePersonHold(tx, booking.customerId, booking.serviceId);
    const updated = await repo.updateBooking(tx, booking.id, {
      status: 'cancelled',
      cancelReason: by.reason,
    });
    await repo.appendHistory(tx, {
      bookingId: booking.id,
      event: 'cancel',
      fromStatus: booking.status,
      toStatus: 'cancelled',
      startsAt: booking.startsAt,
      actor: by.actor,
      reason: by.reason,
      at: clock.now(),
    });
    const { centre, service } = await catalogue.describe(booking.centreId, booking.serviceId, tx);
    if (by.closedDay) await notices.closedDay(tx, { booking: updated, centre, service, date: by.closedDay });
    else await notices.cancelled(tx, { booking: updated, centre, service });
    return updated;
  }

  async function rescheduleBooking(
    referenceInput: string,
    token: string | undefined,
    body: { start: string },
    ctx: RequestContext,
  ): Promise<Outcome<Booking>> {
    const current = await authorise(referenceInput, token);
    const start = new Date(body.start);
    const { centre, service } = await requireSlot(current.centreId, current.serviceId, start);
    const request = ctx.idempotencyKey
      ? {
          scope: scopeOf('POST /api/v1/bookings/reschedule', current.reference),
          key: ctx.idempotencyKey,
          body,
          language: ctx.language,
        }
      : null;
    return idempotency.run(
      request,
      async (tx) => {
        await lockScheduleShared(tx, current.centreId);
        const { offering, slot } = await requireSlot(current.centreId, current.serviceId, start, tx);
        const { booking } = await lockForChange(tx, current.reference, 'reschedule');
        if (booking.startsAt.getTime() === slot.start.getTime())
          return { status: 200, body: toView(booking, centre.timeZone) };
        // New seat first: if it is full, the transaction rolls back and the old seat was never let go.
        if (!(await repo.takeSeat(tx, offering.id, slot.start, slot.capacity)))
          throw new AppError('SLOT_FULL');
        await repo.releaseSeat(tx, booking.offeringId, booking.startsAt);
        await seatFreed(tx, booking);
        const updated = await repo.updateBooking(tx, booking.id, {
          startsAt: slot.start,
          endsAt: slot.end,
          offeringId: offering.id,
        });
        await repo.appendHistory(tx, {
          bookingId: booking.id,
          event: 'reschedule',
          fromStatus: booking.status,
          toStatus: 'confirmed',
          startsAt: slot.start,
          previousStartsAt: booking.startsAt,
          actor: ctx.actor,
          at: clock.now(),
        });
        await notices.rescheduled(tx, { booking: updated, centre, service });
        return { status: 200, body: toView(updated, centre.timeZone) };
      },
      scheduleSharedOpening(current.centreId),
    );
  }

  /**
   * The way back in without the manage link: the reference and the CPR it was booked with (and,
   * once one-time codes exist, a code sent to the booking's mobile). A mismatch is indistinguishable
   * from an unknown reference.
   */
  async function grantAccess(
    referenceInput: string,
    input: { cpr: string; verification?: { id: string; code: string } | undefined },
  ): Promise<{ manageToken: string }> {
    const reference = parseReference(referenceInput);
    const booking = reference ? await repo.findBookingByReference(db, reference) : undefined;
    // The code first: without one sent to the booking's mobile, an unknown reference and a known
    // one answer alike (401), so neither references nor CPRs can be probed.
    if (verifications) {
      await verifications.check(input.verification, { purpose: 'manage', mobile: booking?.contactMobile });
    }
    const customer = booking ? await repo.findCustomer(db, booking.customerId) : undefined;
    if (!booking || !customer || customer.cprHash !== personalData.lookupHash(input.cpr)) {
      throw new AppError('BOOKING_NOT_FOUND');
    }
    const secret = makeSecret();
    await db.transaction(async (tx) => {
      if (verifications && input.verification) await verifications.consume(tx, input.verification);
      await repo.insertToken(tx, { bookingId: booking.id, tokenHash: secret.hash, source: 'access' });
    });
    return { manageToken: secret.token };
  }

  async function calendarFile(referenceInput: string, token: string | undefined): Promise<string> {
    const booking = await authorise(referenceInput, token);
    const { centre, service } = await catalogue.describe(booking.centreId, booking.serviceId);
    return renderCalendar({ booking, centre, service, publicUrl: deps.publicUrl, now: clock.now() });
  }

  /** Where a 'manage' code for a reference goes; nothing for an unknown or finished booking. */
  async function findContact(reference: string) {
    const booking = await repo.findBookingByReference(db, reference);
    if (booking?.status !== 'confirmed') return undefined;
    return { mobile: booking.contactMobile, language: booking.language };
  }

  /**
   * The hall's changes of a booking (check-in, served, no-show), inside the hall's transaction:
   * locks the row, follows the state machine, gives back the seat and the person's hold when the
   * booking stops holding them, and appends history. Returns null when the change is not allowed.
   */
  async function markInTransaction(
    tx: Tx,
    bookingId: string,
    event: Extract<BookingEvent, 'check_in' | 'serve' | 'mark_no_show'>,
    actor: string,
  ) {
    const booking = await repo.lockBooking(tx, bookingId);
    if (!booking) return null;
    const transition = transitionBooking(booking.status, event);
    if (!transition.ok) return null;
    if (holdsSeat(booking.status) && !holdsSeat(transition.to)) {
      await repo.releaseSeat(tx, booking.offeringId, booking.startsAt);
      await repo.releasePersonHold(tx, booking.customerId, booking.serviceId);
    }
    const updated = await repo.updateBooking(tx, booking.id, { status: transition.to });
    await repo.appendHistory(tx, {
      bookingId: booking.id,
      event,
      fromStatus: booking.status,
      toStatus: transition.to,
      startsAt: booking.startsAt,
      actor,
      at: clock.now(),
    });
    return updated;
  }

  /** A centre's bookings starting in [from, to) with one of `statuses`, optionally of one person (by CPR). */
  async function listForHall(
    q: Queryable,
    filter: { centreId: string; from: Date; to: Date; cpr?: string; statuses: repo.BookingRow['status'][] },
  ) {
    let customerId: string | undefined;
    if (filter.cpr !== undefined) {
      customerId = (await repo.findCustomerByHash(q, personalData.lookupHash(filter.cpr)))?.id;
      if (!customerId) return [];
    }
    return repo.listBookingsAt(q, { ...filter, ...(customerId ? { customerId } : {}) });
  }

  /** A booking by its reference (as typed or scanned), or undefined. */
  async function findByReference(q: Queryable, input: string) {
    const reference = parseReference(input);
    return reference ? repo.findBookingByReference(q, reference) : undefined;
  }

  return {
    bookInTransaction,
    upsertCustomer,
    markInTransaction,
    listForHall,
    findByReference,
    findById: (q: Queryable, id: string) => repo.findBookingById(q, id),
    maskMobile: (mobile: string) => country.maskMobile(mobile),
    bookSlot: (input: BookingCreate, ctx: RequestContext) => counted('book', () => bookSlot(input, ctx)),
    cancelBooking: (...args: Parameters<typeof cancelBooking>) =>
      counted('cancel', () => cancelBooking(...args)),
    rescheduleBooking: (...args: Parameters<typeof rescheduleBooking>) =>
      counted('reschedule', () => rescheduleBooking(...args)),
    findContact,
    /** The booking a reference and manage token open (404 BOOKING_NOT_FOUND otherwise). */
    findOwnBooking: authorise,
    getBooking,
    cancelInTransaction,
    grantAccess,
    calendarFile,
  };
}
export type BookingService = ReturnType<typeof createBookingService>;
