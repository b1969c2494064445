import { z } from 'zod';
import { Bilingual, Id, LocalDate, OpeningInterval, TimeOfDay, TimeZone, WeeklyHours } from './common';

/**
 * What to do with existing bookings that a change would strand (outside the new hours, on a
 * closed day, over a cut capacity): without a decision the change answers 409
 * BOOKINGS_AFFECTED with the list; `cancel` cancels them in the same transaction, `keep`
 * honours them (their slots keep the seats they hold).
 */
export const OnAffected = z.enum(['cancel', 'keep']);
export type OnAffected = z.infer<typeof OnAffected>;

export const AffectedBooking = z.object({
  reference: z.string(),
  start: z.string(),
  status: z.string(),
  centreId: Id,
  serviceId: Id,
});
export type AffectedBooking = z.infer<typeof AffectedBooking>;

const Code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Lower-case letters, digits and dashes');
const Phone = z.string().trim().min(3).max(30);
const Location = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

/** How a centre's hall calls people (core/queue/call-policy.ts). */
export const CentreCallPolicy = z.strictObject({
  /** Priority tickets (60+, disability, pregnancy) before everyone else. */
  priorityFirst: z.boolean(),
  /** A walk-in waiting this many minutes goes before due appointments, so walk-ins never starve. */
  walkInMaxWaitMinutes: z.number().int().min(5).max(240),
});
export type CentreCallPolicy = z.infer<typeof CentreCallPolicy>;

export const AdminCentre = z.object({
  id: Id,
  code: z.string(),
  name: Bilingual,
  address: Bilingual,
  phone: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }),
  timeZone: z.string(),
  weeklyHours: WeeklyHours,
  active: z.boolean(),
  callPolicy: CentreCallPolicy,
});
export type AdminCentre = z.infer<typeof AdminCentre>;
export const AdminCentreList = z.object({ items: z.array(AdminCentre) });

export const CentreCreate = z.strictObject({
  code: Code,
  name: Bilingual,
  address: Bilingual,
  phone: Phone,
  location: Location,
  timeZone: TimeZone,
  /** Left out: taken from `copyFrom`, or closed every day until hours are set. */
  weeklyHours: WeeklyHours.optional(),
  /** A centre to copy hours, special periods, offerings (with capacity) and counters from. */
  copyFrom: Id.optional(),
});
export type CentreCreate = z.infer<typeof CentreCreate>;

export const CentreUpdate = z.strictObject({
  name: Bilingual.optional(),
  address: Bilingual.optional(),
  phone: Phone.optional(),
  location: Location.optional(),
  timeZone: TimeZone.optional(),
  weeklyHours: WeeklyHours.optional(),
  active: z.boolean().optional(),
  callPolicy: CentreCallPolicy.optional(),
  onAffected: OnAffected.optional(),
});
export type CentreUpdate = z.infer<typeof CentreUpdate>;

export const GroupWeeklyHours = z.strictObject({
  centreIds: z.array(Id).min(1).max(500),
  weeklyHours: WeeklyHours,
  onAffected: OnAffected.optional(),
});

export const CapacityRule = z
  .strictObject({ from: TimeOfDay, to: TimeOfDay, capacity: z.number().int().min(0).max(1000) })
  .refine((r) => r.from < r.to, 'A rule must end after it starts');

export const OfferingInput = z.strictObject({
  slotMinutes: z.number().int().min(5).max(480),
  capacity: z.number().int().min(0).max(1000),
  capacityRules: z.array(CapacityRule).max(48).default([]),
  /** Walk-in tickets a day for this service at this centre; null: no limit. */
  walkInDailyCapacity: z.number().int().min(0).max(10_000).nullable().default(null),
  active: z.boolean().default(true),
  onAffected: OnAffected.optional(),
});
export type OfferingInput = z.infer<typeof OfferingInput>;

export const AdminOffering = z.object({
  id: Id,
  centreId: Id,
  serviceId: Id,
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  capacityRules: z.array(z.object({ from: z.string(), to: z.string(), capacity: z.number().int() })),
  walkInDailyCapacity: z.number().int().nullable(),
  active: z.boolean(),
});
export type AdminOffering = z.infer<typeof AdminOffering>;
export const AdminOfferingList = z.object({ items: z.array(AdminOffering) });
export const OfferingParams = z.strictObject({ centreId: Id, serviceId: Id });

const ServiceFields = {
  name: Bilingual,
  description: Bilingual,
  letter: z.string().regex(/^[A-Z]$/, 'One capital letter'),
  durationMinutes: z.number().int().min(1).max(480),
  documents: z.strictObject({
    en: z.array(z.string().min(1).max(300)).max(30),
    ar: z.array(z.string().min(1).max(300)).max(30),
  }),
  walkIns: z.boolean(),
  minLeadMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30),
  maxDaysAhead: z.number().int().min(0).max(366),
  perPersonLimit: z.number().int().min(1).max(50),
  sortOrder: z.number().int().min(0).max(10_000),
  /** The check-in window around an appointment: this many minutes early to this many late. */
  checkInEarlyMinutes: z.number().int().min(0).max(240),
  checkInLateMinutes: z.number().int().min(0).max(240),
};
export const ServiceCreate = z.strictObject({
  code: Code,
  ...ServiceFields,
  sortOrder: ServiceFields.sortOrder.default(0),
  checkInEarlyMinutes: ServiceFields.checkInEarlyMinutes.default(30),
  checkInLateMinutes: ServiceFields.checkInLateMinutes.default(15),
});
export type ServiceCreate = z.infer<typeof ServiceCreate>;
export const ServiceUpdate = z
  .strictObject({ ...ServiceFields, active: z.boolean(), onAffected: OnAffected })
  .partial();
export type ServiceUpdate = z.infer<typeof ServiceUpdate>;
export const AdminService = z.object({ id: Id, code: z.string(), active: z.boolean(), ...ServiceFields });
export const AdminServiceList = z.object({ items: z.array(AdminService) });
export const ServiceParams = z.strictObject({ serviceId: Id });

export const SpecialPeriodCreate = z
  .strictObject({
    centreIds: z.array(Id).min(1).max(500),
    name: Bilingual,
    startsOn: LocalDate,
    endsOn: LocalDate,
    weeklyHours: WeeklyHours,
    provisional: z.boolean().default(false),
    onAffected: OnAffected.optional(),
  })
  .refine((p) => p.startsOn <= p.endsOn, { message: 'Must end on or after its start', path: ['endsOn'] });
export type SpecialPeriodCreate = z.infer<typeof SpecialPeriodCreate>;
export const AdminSpecialPeriod = z.object({
  id: Id,
  centreId: Id,
  name: Bilingual,
  startsOn: z.string(),
  endsOn: z.string(),
  weeklyHours: WeeklyHours,
  provisional: z.boolean(),
});
export const AdminSpecialPeriodList = z.object({ items: z.array(AdminSpecialPeriod) });

export const ClosureCreate = z.strictObject({
  /** null: a national holiday for every centre (administrators only). */
  centreIds: z.array(Id).min(1).max(500).nullable(),
  date: LocalDate,
  kind: z.enum(['holiday', 'closure']),
  name: Bilingual,
  /** Hours that stay open that day (a half day); none means closed all day. */
  openHours: z.array(OpeningInterval).max(6).nullable().default(null),
  /** A date that may still move (a Hijri date awaiting the moon sighting). */
  provisional: z.boolean().default(false),
  onAffected: OnAffected.optional(),
});
export type ClosureCreate = z.infer<typeof ClosureCreate>;
export const AdminClosure = z.object({
  id: Id,
  centreId: Id.nullable(),
  date: z.string(),
  kind: z.enum(['holiday', 'closure']),
  name: Bilingual,
  openHours: z.array(z.object({ open: z.string(), close: z.string() })).nullable(),
  provisional: z.boolean(),
});
export const AdminClosureList = z.object({ items: z.array(AdminClosure) });
export const CentreFilter = z.strictObject({ centreId: Id.optional() });
export const PeriodParams = z.strictObject({ periodId: Id });
export const ClosureParams = z.strictObject({ closureId: Id });
export const DecisionQuery = z.strictObject({ onAffected: OnAffected.optional() });

export const CounterInput = z.strictObject({
  number: z.number().int().min(1).max(999),
  name: Bilingual,
  serviceIds: z.array(Id).max(100).default([]),
  active: z.boolean().default(true),
});
export const CounterUpdate = z.strictObject({
  number: z.number().int().min(1).max(999).optional(),
  name: Bilingual.optional(),
  serviceIds: z.array(Id).max(100).optional(),
  active: z.boolean().optional(),
});
export const AdminCounter = z.object({
  id: Id,
  centreId: Id,
  number: z.number().int(),
  name: Bilingual,
  serviceIds: z.array(Id),
  active: z.boolean(),
});
export type AdminCounter = z.infer<typeof AdminCounter>;
export const AdminCounterList = z.object({ items: z.array(AdminCounter) });
export const CounterParams = z.strictObject({ counterId: Id });
