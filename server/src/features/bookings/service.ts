import { randomBytes } from 'node:crypto';
import { makeReference, parseReference } from '@mawaeed/core/booking/reference';
import { type BookingEvent, transitionBooking } from '@mawaeed/core/booking/status';
import type { Booking, BookingCreate, BookingCreated } from '@mawaeed/core/contracts/bookings';
import type { Language } from '@mawaeed/core/contracts/common';
import { BAHRAIN } from '@mawaeed/core/country/profile';
import { checkSlot } from '@mawaeed/core/schedule/slots';
import { formatInZone } from '@mawaeed/core/time/local';
import type { Db, Tx } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Metrics } from '../../lib/metrics';
import { hashSecret, makeSecret, type PersonalData } from '../../lib/personal-data';
import type { Captcha } from '../captcha/service';
import type { CatalogueService } from '../catalogue/service';
import type { Idempotency, Outcome } from '../idempotency/service';
import type { Verifications } from '../verifications/service';
import { renderCalendar } from './calendar';
import type { BookingNotices } from './notices';
import * as repo from './repository';

export type RequestContext = {
  language: Language;
  idempotencyKey?: string | undefined;
  /** Who acts: 'citizen', or 'partner:<key name>' and 'staff:<id>' once those exist. */
  actor: string;
  channel: string;
};

const country = BAHRAIN;

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
}) {
  const { db, clock, catalogue, idempotency, personalData, metrics, notices, verifications } = deps;

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
  function toView(row: repo.BookingRow, zone: string): Booking {
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
  async function requireSlot(centreId: string, serviceId: string, start: Date) {
    const ctx = await catalogue.loadOfferingAt(centreId, serviceId, start);
    const check = checkSlot(start, { ...ctx, now: clock.now() });
    if (!check.ok) throw new AppError(check.reason);
    return { ...ctx, slot: check.slot };
  }

  async function insertWithFreshReference(
    tx: Tx,
    values: Omit<Parameters<typeof repo.insertBooking>[1], 'reference'>,
  ) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await repo.insertBooking(tx, {
        ...values,
        reference: makeReference((n) => randomBytes(n)),
      });
      if (row) return row;
    }
    throw new Error('could not draw a free booking reference');
  }

  function scopeOf(route: string, reference?: string) {
    return reference ? `${route}:${reference}` : route;
  }

  async function bookSlot(input: BookingCreate, ctx: RequestContext): Promise<Outcome<BookingCreated>> {
    if (verifications && !input.verification) throw new AppError('VERIFICATION_REQUIRED');
    const start = new Date(input.start);
    const { centre, offering, service, slot } = await requireSlot(input.centreId, input.serviceId, start);
    const cprHash = personalData.lookupHash(input.customer.cpr);
    const request = ctx.idempotencyKey
      ? {
          scope: scopeOf('POST /api/v1/bookings'),
          key: ctx.idempotencyKey,
          body: input,
          language: ctx.language,
        }
      : null;
    const { verification } = input;
    if (verifications && verification) {
      // A retry of a finished request gets its answer, though its code is used by now.
      const replay = await idempotency.findReplay<BookingCreated>(request);
      if (replay) return replay;
      await verifications.check(verification, { purpose: 'book', mobile: input.customer.mobile });
    }
    return idempotency.run(request, async (tx) => {
      if (verifications && verification) await verifications.consume(tx, verification);
      // Checked here, inside the write, so a replay of an answered request needs no fresh proof.
      if (deps.captcha) await deps.captcha.spendAnswer(tx, await deps.captcha.checkAnswer(input.captcha));
      const customerId = await repo.upsertCustomer(tx, {
        cprHash,
        cprCipher: personalData.encrypt(input.customer.cpr),
        name: input.customer.name,
        mobile: input.customer.mobile,
        email: input.customer.email ?? null,
        language: input.customer.language,
      });
      if (!(await repo.takePersonHold(tx, customerId, service.id, service.perPersonLimit))) {
        throw new AppError('PERSON_LIMIT');
      }
      if (!(await repo.takeSeat(tx, offering.id, slot.start, slot.capacity))) throw new AppError('SLOT_FULL');
      const booking = await insertWithFreshReference(tx, {
        centreId: input.centreId,
        serviceId: input.serviceId,
        offeringId: offering.id,
        customerId,
        status: 'confirmed',
        startsAt: slot.start,
        endsAt: slot.end,
        channel: ctx.channel,
        contactName: input.customer.name,
        contactMobile: input.customer.mobile,
        contactEmail: input.customer.email ?? null,
        language: input.customer.language,
      });
      const secret = makeSecret();
      await repo.insertToken(tx, { bookingId: booking.id, tokenHash: secret.hash, source: 'booking' });
      await repo.appendHistory(tx, {
        bookingId: booking.id,
        event: 'book',
        fromStatus: null,
        toStatus: 'confirmed',
        startsAt: slot.start,
        actor: ctx.actor,
        at: clock.now(),
      });
      await notices.booked(tx, { booking, centre, service, manageToken: secret.token });
      return { status: 201, body: { ...toView(booking, centre.timeZone), manageToken: secret.token } };
    });
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
    const { reference, centreId, serviceId } = await authorise(referenceInput, token);
    const { centre, service } = await catalogue.describe(centreId, serviceId);
    const zone = centre.timeZone;
    const request = ctx.idempotencyKey
      ? {
          scope: scopeOf('POST /api/v1/bookings/cancel', reference),
          key: ctx.idempotencyKey,
          body,
          language: ctx.language,
        }
      : null;
    return idempotency.run(request, async (tx) => {
      const { booking } = await lockForChange(tx, reference, 'cancel');
      if (booking.status === 'cancelled') return { status: 200, body: toView(booking, zone) };
      await repo.releaseSeat(tx, booking.offeringId, booking.startsAt);
      await repo.releasePersonHold(tx, booking.customerId, booking.serviceId);
      const updated = await repo.updateBooking(tx, booking.id, {
        status: 'cancelled',
        cancelReason: body.reason ?? null,
      });
      await repo.appendHistory(tx, {
        bookingId: booking.id,
        event: 'cancel',
        fromStatus: booking.status,
        toStatus: 'cancelled',
        startsAt: booking.startsAt,
        actor: ctx.actor,
        reason: body.reason ?? null,
        at: clock.now(),
      });
      await notices.cancelled(tx, { booking: updated, centre, service });
      return { status: 200, body: toView(updated, zone) };
    });
  }

  async function rescheduleBooking(
    referenceInput: string,
    token: string | undefined,
    body: { start: string },
    ctx: RequestContext,
  ): Promise<Outcome<Booking>> {
    const current = await authorise(referenceInput, token);
    const start = new Date(body.start);
    const { centre, offering, service, slot } = await requireSlot(current.centreId, current.serviceId, start);
    const request = ctx.idempotencyKey
      ? {
          scope: scopeOf('POST /api/v1/bookings/reschedule', current.reference),
          key: ctx.idempotencyKey,
          body,
          language: ctx.language,
        }
      : null;
    return idempotency.run(request, async (tx) => {
      const { booking } = await lockForChange(tx, current.reference, 'reschedule');
      if (booking.startsAt.getTime() === slot.start.getTime())
        return { status: 200, body: toView(booking, centre.timeZone) };
      // New seat first: if it is full, the transaction rolls back and the old seat was never let go.
      if (!(await repo.takeSeat(tx, offering.id, slot.start, slot.capacity))) throw new AppError('SLOT_FULL');
      await repo.releaseSeat(tx, booking.offeringId, booking.startsAt);
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
    });
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

  return {
    bookSlot: (input: BookingCreate, ctx: RequestContext) => counted('book', () => bookSlot(input, ctx)),
    cancelBooking: (...args: Parameters<typeof cancelBooking>) =>
      counted('cancel', () => cancelBooking(...args)),
    rescheduleBooking: (...args: Parameters<typeof rescheduleBooking>) =>
      counted('reschedule', () => rescheduleBooking(...args)),
    findContact,
    getBooking,
    grantAccess,
    calendarFile,
  };
}
export type BookingService = ReturnType<typeof createBookingService>;
