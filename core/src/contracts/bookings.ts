import { z } from 'zod';
import { BOOKING_STATUSES } from '../booking/status';
import { BAHRAIN } from '../country/profile';
import { Id, Instant, Language } from './common';

/** The country whose identifiers the API accepts; one profile, Bahrain by default. */
const country = BAHRAIN;

export const Cpr = z
  .string()
  .max(32)
  .transform((v, ctx) => {
    const cpr = country.parseNationalId(v);
    if (!cpr) {
      ctx.addIssue({ code: 'custom', message: 'A CPR number has exactly 9 digits' });
      return z.NEVER;
    }
    return cpr;
  });

export const Mobile = z
  .string()
  .max(32)
  .transform((v, ctx) => {
    const mobile = country.parseMobile(v);
    if (!mobile) {
      ctx.addIssue({ code: 'custom', message: 'A Bahrain mobile number: 8 digits starting with 3 or 6' });
      return z.NEVER;
    }
    return mobile;
  });

export const PersonName = z
  .string()
  .transform((v) => v.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1).max(100));

export const Email = z.email().max(254);

export const Verification = z.strictObject({ id: Id, code: z.string().regex(/^\d{6}$/) });

export const CustomerInput = z.strictObject({
  cpr: Cpr,
  name: PersonName,
  mobile: Mobile,
  email: Email.optional(),
  language: Language,
});

export const BookingCreate = z.strictObject({
  centreId: Id,
  serviceId: Id,
  start: Instant,
  customer: CustomerInput,
  verification: Verification.optional(),
  captcha: z.string().max(4096).optional(),
});
export type BookingCreate = z.infer<typeof BookingCreate>;

export const BookingStatus = z.enum(BOOKING_STATUSES);

export const BookingCustomer = z.object({ name: z.string(), mobileMasked: z.string(), language: Language });

export const Booking = z.object({
  reference: z.string(),
  status: BookingStatus,
  centreId: Id,
  serviceId: Id,
  start: Instant,
  end: Instant,
  customer: BookingCustomer,
});
export type Booking = z.infer<typeof Booking>;

export const BookingCreated = Booking.extend({ manageToken: z.string() });
export type BookingCreated = z.infer<typeof BookingCreated>;

export const ReferenceParams = z.strictObject({ reference: z.string().min(1).max(32) });

export const BookingCancel = z.strictObject({ reason: z.string().trim().max(500).optional() });

export const BookingReschedule = z.strictObject({ start: Instant });

export const BookingAccess = z.strictObject({ cpr: Cpr, verification: Verification.optional() });

export const ManageToken = z.object({ manageToken: z.string() });
