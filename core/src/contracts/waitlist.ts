import { z } from 'zod';
import { daysBetween } from '../time/local';
import { PARTS_OF_DAY } from '../waitlist/matching';
import { BookingCustomer, CustomerInput, Verification } from './bookings';
import { Id, Instant, LocalDate } from './common';

export const PartOfDay = z.enum(PARTS_OF_DAY);

/** The longest date range a waitlist entry may span (as availability's 62 days). */
export const WAITLIST_MAX_DAYS = 62;

export const WaitlistJoin = z
  .strictObject({
    serviceId: Id,
    centreIds: z.array(Id).min(1).max(20),
    from: LocalDate,
    to: LocalDate,
    timesOfDay: z.array(PartOfDay).min(1).max(3),
    customer: CustomerInput,
    verification: Verification.optional(),
  })
  .refine((v) => v.from <= v.to, { path: ['to'], message: 'The range must end on or after its start' })
  .refine((v) => v.from > v.to || daysBetween(v.from, v.to) < WAITLIST_MAX_DAYS, {
    path: ['to'],
    message: `At most ${WAITLIST_MAX_DAYS} days`,
  });
export type WaitlistJoin = z.infer<typeof WaitlistJoin>;

export const OFFER_STATUSES = ['offered', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export const OfferStatus = z.enum(OFFER_STATUSES);

export const WaitlistOffer = z.object({
  id: Id,
  status: OfferStatus,
  centreId: Id,
  serviceId: Id,
  start: Instant,
  end: Instant,
  expiresAt: z.string(),
  /** Seconds until the offer lapses (0 once it no longer stands), by the server's clock. */
  secondsLeft: z.number().int().min(0),
  /** The booking the offer became, once accepted. */
  bookingReference: z.string().nullable(),
});
export type WaitlistOffer = z.infer<typeof WaitlistOffer>;

export const ENTRY_STATUSES = ['waiting', 'offered', 'booked', 'left'] as const;

export const WaitlistEntry = z.object({
  id: Id,
  status: z.enum(ENTRY_STATUSES),
  serviceId: Id,
  centreIds: z.array(Id),
  from: LocalDate,
  to: LocalDate,
  timesOfDay: z.array(PartOfDay),
  joinedAt: z.string(),
  /** 1 for the first in line for this service; null once the entry is no longer waiting. */
  position: z.number().int().min(1).nullable(),
  customer: BookingCustomer,
  /** The offer standing now, if any. */
  offer: WaitlistOffer.nullable(),
  bookingReference: z.string().nullable(),
});
export type WaitlistEntry = z.infer<typeof WaitlistEntry>;

export const WaitlistJoined = WaitlistEntry.extend({ manageToken: z.string() });
export type WaitlistJoined = z.infer<typeof WaitlistJoined>;

export const EntryParams = z.strictObject({ entryId: Id });
export const OfferParams = z.strictObject({ offerId: Id });

/** Staff: the waitlist per service, and how well freed seats are refilled from it. */
export const WaitlistSummary = z.object({
  items: z.array(
    z.object({
      serviceId: Id,
      waiting: z.number().int(),
      offered: z.number().int(),
      /** Seats booked by accepting an offer (in the range asked). */
      filledFromWaitlist: z.number().int(),
      /** Median minutes from a seat being freed to its booking through an offer; null without any. */
      medianMinutesToRebook: z.number().nullable(),
    }),
  ),
});
export type WaitlistSummary = z.infer<typeof WaitlistSummary>;

export const WaitlistOfferHistory = z.object({
  items: z.array(
    z.object({
      id: Id,
      entryId: Id,
      serviceId: Id,
      centreId: Id,
      start: Instant,
      status: OfferStatus,
      offeredAt: z.string(),
      expiresAt: z.string(),
      decidedAt: z.string().nullable(),
      bookingReference: z.string().nullable(),
      mobileMasked: z.string(),
    }),
  ),
});
export type WaitlistOfferHistory = z.infer<typeof WaitlistOfferHistory>;

export const WaitlistAdminQuery = z.strictObject({
  serviceId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
