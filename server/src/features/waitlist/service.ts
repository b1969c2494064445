import { randomInt } from 'node:crypto';
import type { BookingCreated } from '@mawaeed/core/contracts/bookings';
import type { Language } from '@mawaeed/core/contracts/common';
import type {
  WaitlistEntry,
  WaitlistJoin,
  WaitlistJoined,
  WaitlistOffer,
} from '@mawaeed/core/contracts/waitlist';
import { BAHRAIN } from '@mawaeed/core/country/profile';
import { formatInZone, todayIn } from '@mawaeed/core/time/local';
import type { Db, Queryable, Tx } from '../../db/client';
import { lockScheduleShared, lockSchedulesShared } from '../../db/schedule-lock';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { hashSecret, makeSecret, type PersonalData } from '../../lib/personal-data';
import type { BookingService } from '../bookings/service';
import type { CatalogueService } from '../catalogue/service';
import type { Idempotency, Outcome } from '../idempotency/service';
import type { Messages } from '../messages/service';
import { renderWaitlistJoined } from '../messages/waitlist-templates';
import type { Verifications } from '../verifications/service';
import * as repo from './repository';
import type { Seats } from './seats';

/** Lottery draws are whole numbers below 2^48, the most node:crypto's randomInt covers. */
const LOTTERY_RANGE = 2 ** 48 - 1;

const country = BAHRAIN;

export type WaitlistContext = { language: Language; idempotencyKey?: string | undefined };

/** The link in the joining message: the token alone opens the entry. */
export function entryLink(publicUrl: string, token: string) {
  return `${publicUrl}/waitlist/entry#token=${token}`;
}

/**
 * The waitlist as people use it: join (verified mobile, one active entry per person and
 * service), see and leave the entry with its token, and accept or decline an offer with the
 * offer's token. Accepting books through the bookings service's own path (limits, idempotency,
 * notices), taking the seat the offer held.
 */
export function createWaitlist(deps: {
  db: Db;
  clock: Clock;
  catalogue: CatalogueService;
  bookings: BookingService;
  idempotency: Idempotency;
  personalData: PersonalData;
  messages: Messages;
  seats: Seats;
  verifications: Verifications | null;
  publicUrl: string;
}) {
  const { db, clock, catalogue, bookings, idempotency, personalData, messages, seats, verifications } = deps;

  async function offerView(q: Queryable, hold: repo.HoldRow): Promise<WaitlistOffer> {
    const offering = await repo.findOffering(q, hold.offeringId);
    if (!offering) throw new AppError('OFFER_NOT_FOUND');
    // Through `q`: inside a transaction on PGlite, a query on db would wait for it forever.
    const zone = (await catalogue.requireCentre(offering.centreId, q)).timeZone;
    const now = clock.now().getTime();
    const stands = hold.status === 'active' && hold.expiresAt.getTime() > now;
    return {
      id: hold.id,
      status: hold.status === 'active' ? 'offered' : (hold.status as WaitlistOffer['status']),
      centreId: offering.centreId,
      serviceId: offering.serviceId,
      start: formatInZone(hold.startsAt, zone),
      end: formatInZone(new Date(hold.startsAt.getTime() + offering.slotMinutes * 60_000), zone),
      expiresAt: hold.expiresAt.toISOString(),
      secondsLeft: stands ? Math.floor((hold.expiresAt.getTime() - now) / 1000) : 0,
      bookingReference: await repo.findBookingReference(q, hold.bookingId),
    };
  }

  async function entryView(q: Queryable, entry: repo.EntryRow): Promise<WaitlistEntry> {
    const active = entry.status === 'offered' ? await repo.findActiveOffer(q, entry.id) : undefined;
    return {
      id: entry.id,
      status: entry.status,
      serviceId: entry.serviceId,
      centreIds: entry.centreIds,
      from: entry.fromDate,
      to: entry.toDate,
      timesOfDay: entry.timesOfDay,
      joinedAt: entry.joinedAt.toISOString(),
      position: entry.status === 'waiting' ? await repo.positionOf(q, entry, seats.order) : null,
      customer: {
        name: entry.contactName,
        mobileMasked: country.maskMobile(entry.contactMobile),
        language: entry.language,
      },
      offer: active ? await offerView(q, active) : null,
      bookingReference: await repo.findBookingReference(q, entry.bookingId),
    };
  }

  async function join(input: WaitlistJoin, ctx: WaitlistContext): Promise<Outcome<WaitlistJoined>> {
    if (verifications && !input.verification) throw new AppError('VERIFICATION_REQUIRED');
    const centreIds = [...new Set(input.centreIds)];
    let today = '';
    for (const centreId of centreIds) {
      const { centre } = await catalogue.loadOfferingContext(
        centreId,
        input.serviceId,
        input.from,
        input.from,
      );
      today = todayIn(centre.timeZone, clock.now());
      // A range already over can never be matched: say so rather than keep a dead entry.
      if (input.to < today) {
        throw new AppError(
          'VALIDATION_FAILED',
          {},
          { errors: [{ path: 'to', message: 'The range has already ended' }] },
        );
      }
    }
    const request = ctx.idempotencyKey
      ? { scope: 'POST /api/v1/waitlist', key: ctx.idempotencyKey, body: input, language: ctx.language }
      : null;
    const { verification } = input;
    if (verifications && verification) {
      const replay = await idempotency.findReplay<WaitlistJoined>(request);
      if (replay) return replay;
      await verifications.check(verification, { purpose: 'book', mobile: input.customer.mobile });
    }
    return idempotency.run(request, async (tx) => {
      if (verifications && verification) await verifications.consume(tx, verification);
      const customerId = await bookings.upsertCustomer(tx, input.customer);
      const now = clock.now();
      await repo.closeEndedEntry(tx, customerId, input.serviceId, today, now);
      const entry = await repo.insertEntry(tx, {
        serviceId: input.serviceId,
        customerId,
        centreIds,
        fromDate: input.from,
        toDate: input.to,
        timesOfDay: [...new Set(input.timesOfDay)],
        status: 'waiting',
        contactName: input.customer.name,
        contactMobile: input.customer.mobile,
        contactEmail: input.customer.email ?? null,
        language: input.customer.language,
        joinedAt: now,
        updatedAt: now,
        // Drawn for every entry, so switching MAWAEED_WAITLIST_ORDER to lottery is fair at once.
        draw: randomInt(LOTTERY_RANGE),
      });
      if (!entry) throw new AppError('WAITLIST_ALREADY_JOINED');
      const secret = makeSecret();
      await repo.insertEntryToken(tx, entry.id, secret.hash);
      const { service } = await catalogue.describe(centreIds[0] ?? '', input.serviceId, tx);
      await messages.queuePersonMessage(tx, {
        kind: 'waitlist_joined',
        to: { mobile: entry.contactMobile, email: entry.contactEmail, language: entry.language },
        rendered: renderWaitlistJoined(entry.language, {
          serviceName: service.name,
          link: entryLink(deps.publicUrl, secret.token),
        }),
      });
      return { status: 201, body: { ...(await entryView(tx, entry)), manageToken: secret.token } };
    });
  }

  async function authoriseEntry(token: string | undefined) {
    const entry = token ? await repo.findEntryByToken(db, hashSecret(token)) : undefined;
    if (!entry) throw new AppError('WAITLIST_NOT_FOUND');
    return entry;
  }

  async function authoriseOffer(token: string | undefined) {
    const hold = token ? await repo.findHoldByToken(db, hashSecret(token)) : undefined;
    if (!hold?.entryId) throw new AppError('OFFER_NOT_FOUND');
    const offering = await repo.findOffering(db, hold.offeringId);
    if (!offering) throw new AppError('OFFER_NOT_FOUND');
    return { hold, offering };
  }

  async function getEntry(token: string | undefined) {
    return entryView(db, await authoriseEntry(token));
  }

  /** Leaves the waitlist (harmless to repeat); a standing offer is declined and passes on. */
  async function leave(token: string | undefined) {
    const found = await authoriseEntry(token);
    return db.transaction(async (tx) => {
      await lockSchedulesShared(tx, found.centreIds);
      const entry = await repo.lockEntry(tx, found.id);
      if (!entry) throw new AppError('WAITLIST_NOT_FOUND');
      if (entry.status === 'offered') {
        const active = await repo.findActiveOffer(tx, entry.id);
        const hold = active && (await repo.lockHold(tx, active.id));
        if (hold?.status === 'active') await seats.endHold(tx, hold, 'declined');
      }
      if (entry.status === 'waiting' || entry.status === 'offered') {
        await repo.updateEntry(tx, entry.id, { status: 'left', updatedAt: clock.now() });
      }
      return entryView(tx, (await repo.lockEntry(tx, entry.id)) ?? entry);
    });
  }

  async function getOffer(token: string | undefined) {
    return offerView(db, (await authoriseOffer(token)).hold);
  }

  /** The standing offer, locked, under its centre's schedule lock; OFFER_NOT_AVAILABLE otherwise. */
  async function lockStandingOffer(tx: Tx, holdId: string, centreId: string) {
    await lockScheduleShared(tx, centreId);
    const hold = await repo.lockHold(tx, holdId);
    if (hold?.status !== 'active' || hold.expiresAt.getTime() <= clock.now().getTime() || !hold.entryId) {
      throw new AppError('OFFER_NOT_AVAILABLE');
    }
    return { hold, entryId: hold.entryId };
  }

  /** Books the held seat exactly as a booking is made (limits, notices, webhooks). */
  async function accept(token: string | undefined, ctx: WaitlistContext): Promise<Outcome<BookingCreated>> {
    const { hold: found, offering } = await authoriseOffer(token);
    const request = ctx.idempotencyKey
      ? {
          scope: `POST /api/v1/waitlist/offer/accept:${found.id}`,
          key: ctx.idempotencyKey,
          body: {},
          language: ctx.language,
        }
      : null;
    return idempotency.run(request, async (tx) => {
      const { hold, entryId } = await lockStandingOffer(tx, found.id, offering.centreId);
      const entry = await repo.lockEntry(tx, entryId);
      const customer = entry && (await repo.findCustomer(tx, entry.customerId));
      if (!entry || !customer) throw new AppError('OFFER_NOT_AVAILABLE');
      const made = await bookings.bookInTransaction(tx, {
        centreId: offering.centreId,
        serviceId: offering.serviceId,
        start: hold.startsAt,
        customer: {
          cpr: personalData.decrypt(customer.cprCipher),
          name: entry.contactName,
          mobile: entry.contactMobile,
          ...(entry.contactEmail ? { email: entry.contactEmail } : {}),
          language: entry.language,
        },
        actor: 'citizen',
        channel: 'waitlist',
        claimSeat: (t, offeringId, start) =>
          offeringId === hold.offeringId && start.getTime() === hold.startsAt.getTime()
            ? repo.bookHeldSeat(t, offeringId, start)
            : Promise.resolve(false),
      });
      const now = clock.now();
      await repo.endHold(tx, hold.id, { status: 'accepted', decidedAt: now, bookingId: made.booking.id });
      await repo.updateEntry(tx, entry.id, { status: 'booked', bookingId: made.booking.id, updatedAt: now });
      return { status: 201, body: { ...made.view, manageToken: made.manageToken } };
    });
  }

  /** Declines the offer: the seat goes to the next in line; the entry keeps its place. */
  async function decline(token: string | undefined) {
    const { hold: found, offering } = await authoriseOffer(token);
    return db.transaction(async (tx) => {
      await lockScheduleShared(tx, offering.centreId);
      const current = await repo.lockHold(tx, found.id);
      // Declining again answers the same.
      if (current?.status === 'declined') return offerView(tx, current);
      const { hold } = await lockStandingOffer(tx, found.id, offering.centreId);
      await seats.endHold(tx, hold, 'declined');
      return offerView(tx, { ...hold, status: 'declined', decidedAt: clock.now() });
    });
  }

  return { join, getEntry, leave, getOffer, accept, decline };
}
export type Waitlist = ReturnType<typeof createWaitlist>;
