import { z } from 'zod';
import { Bilingual, Id, Instant, LocalDate, OpeningInterval, TimeZone, WeeklyHours } from './common';

export const Centre = z.object({
  id: Id,
  name: Bilingual,
  address: Bilingual,
  phone: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }),
  timeZone: TimeZone,
  weeklyHours: WeeklyHours,
  services: z.array(Id),
  /** People in the hall's queues now (always sent by the server; optional for older clients). */
  waitingNow: z.number().int().optional(),
});
export type Centre = z.infer<typeof Centre>;

export const CentreClosure = z.object({
  date: LocalDate,
  kind: z.enum(['holiday', 'closure']),
  name: Bilingual,
  openHours: z.array(OpeningInterval).nullable(),
  provisional: z.boolean(),
});

export const CentreSpecialPeriod = z.object({
  from: LocalDate,
  to: LocalDate,
  name: Bilingual,
  weeklyHours: WeeklyHours,
  provisional: z.boolean(),
});

export const CentreDetail = Centre.extend({
  closures: z.array(CentreClosure),
  specialPeriods: z.array(CentreSpecialPeriod),
});
export type CentreDetail = z.infer<typeof CentreDetail>;

export const CentreList = z.object({ items: z.array(Centre) });

export const Service = z.object({
  id: Id,
  code: z.string(),
  name: Bilingual,
  description: Bilingual,
  durationMinutes: z.number().int(),
  documents: z.object({ en: z.array(z.string()), ar: z.array(z.string()) }),
  walkIns: z.boolean(),
});
export type Service = z.infer<typeof Service>;

export const ServiceList = z.object({ items: z.array(Service) });

export const MAX_AVAILABILITY_DAYS = 62;

export const AvailabilityQuery = z
  .strictObject({ service: Id, from: LocalDate, to: LocalDate })
  .refine((q) => q.from <= q.to, { message: '`from` must not be after `to`', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 <= MAX_AVAILABILITY_DAYS, {
    message: `At most ${MAX_AVAILABILITY_DAYS} days at a time`,
    path: ['to'],
  });

export const ClosedReason = z.enum(['WEEKLY_CLOSED', 'HOLIDAY', 'CLOSURE', 'OUTSIDE_BOOKING_WINDOW']);

export const AvailabilitySlot = z.object({ start: Instant, end: Instant, remaining: z.number().int() });

export const AvailabilityDay = z.object({
  date: LocalDate,
  open: z.boolean(),
  reason: ClosedReason.optional(),
  reasonName: Bilingual.optional(),
  slots: z.array(AvailabilitySlot),
});

export const Availability = z.object({ timeZone: TimeZone, days: z.array(AvailabilityDay) });
export type Availability = z.infer<typeof Availability>;

export const CentreParams = z.strictObject({ centreId: Id });
