import { z } from 'zod';
import { isLocalDate, isTimeOfDay, isTimeZone } from '../time/local';

export const Id = z.uuid();

export const Language = z.enum(['en', 'ar']);
export type Language = z.infer<typeof Language>;

export const Bilingual = z.strictObject({ en: z.string().min(1).max(500), ar: z.string().min(1).max(500) });
export type Bilingual = z.infer<typeof Bilingual>;

export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD')
  .refine(isLocalDate, 'Not a real calendar date');

export const TimeOfDay = z
  .string()
  .regex(/^\d{2}:\d{2}$/, 'Expected a time as HH:MM')
  .refine(isTimeOfDay, 'Not a time of day');

export const TimeZone = z.string().min(1).max(64).refine(isTimeZone, 'Unknown IANA time zone');

/** An instant written with its offset, as the API returns it: 2026-12-01T08:30:00+03:00. */
export const Instant = z.iso.datetime({ offset: true });

export const OpeningInterval = z
  .strictObject({ open: TimeOfDay, close: TimeOfDay })
  .refine((i) => i.open < i.close, 'An interval must close after it opens');

export const WeeklyHours = z.strictObject({
  sun: z.array(OpeningInterval),
  mon: z.array(OpeningInterval),
  tue: z.array(OpeningInterval),
  wed: z.array(OpeningInterval),
  thu: z.array(OpeningInterval),
  fri: z.array(OpeningInterval),
  sat: z.array(OpeningInterval),
});

/** Problem JSON; some codes add fields of their own (BOOKINGS_AFFECTED lists `bookings`). */
export const Problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** The optional Idempotency-Key header of writes a client may retry. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces')
    .optional(),
});
