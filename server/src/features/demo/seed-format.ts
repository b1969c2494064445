/**
 * The seed file format: a catalogue (services, centres and what each offers) and a country's
 * calendar rules, in one JSON document. The demo loads `bahrain.json`; an import command reads
 * the same format. Cross-references are by code, so the file needs no database ids.
 */
import type { CalendarRules } from '@mawaeed/core/calendar/public-calendar';
import { Bilingual, TimeOfDay, TimeZone, WeeklyHours } from '@mawaeed/core/contracts/common';
import { z } from 'zod';

const Code = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Expected a kebab-case code')
  .max(64);

const Month = z.int().min(1).max(12);

const HolidayRule = z
  .strictObject({
    name: Bilingual,
    calendar: z.enum(['gregorian', 'hijri']),
    month: Month,
    day: z.int().min(1).max(31),
    days: z.int().min(1).max(14),
  })
  .refine((r) => r.calendar === 'gregorian' || r.day <= 30, {
    message: 'A Hijri month has at most 30 days',
    path: ['day'],
  })
  .refine((r) => r.calendar === 'hijri' || r.day <= new Date(Date.UTC(2024, r.month, 0)).getUTCDate(), {
    message: 'The month has no such day',
    path: ['day'],
  });

const HijriMonthHoursRule = z.strictObject({
  name: Bilingual,
  wholeHijriMonth: Month,
  weeklyHours: WeeklyHours,
});

const SeedCalendar = z.strictObject({
  /** The zone whose "today" decides which Hijri years are current. */
  timeZone: TimeZone,
  holidays: z.array(HolidayRule),
  specialPeriods: z.array(HijriMonthHoursRule),
}) satisfies z.ZodType<CalendarRules & { timeZone: string }>;

const SeedService = z
  .strictObject({
    code: Code,
    letter: z.string().regex(/^[A-Z]$/, 'Expected one capital letter A–Z'),
    name: Bilingual,
    description: Bilingual,
    durationMinutes: z.int().min(1).max(480),
    documents: z.strictObject({ en: z.array(z.string().min(1)), ar: z.array(z.string().min(1)) }),
    walkIns: z.boolean(),
    minLeadMinutes: z.int().min(0),
    maxDaysAhead: z.int().min(0).max(366),
    perPersonLimit: z.int().min(1),
  })
  .refine((s) => s.documents.en.length === s.documents.ar.length, {
    message: 'Every document needs its English and its Arabic name',
    path: ['documents'],
  });

const CapacityRule = z
  .strictObject({ from: TimeOfDay, to: TimeOfDay, capacity: z.int().min(0) })
  .refine((r) => r.from < r.to, { message: 'A rule must end after it starts', path: ['to'] });

const SeedOffering = z
  .strictObject({
    service: Code,
    slotMinutes: z.int().min(5).max(240),
    capacity: z.int().min(0),
    capacityRules: z.array(CapacityRule).default([]),
  })
  .refine((o) => !hasOverlap(o.capacityRules), {
    message: 'Capacity rules must not overlap',
    path: ['capacityRules'],
  });

const SeedCentre = z.strictObject({
  code: Code,
  name: Bilingual,
  address: Bilingual,
  phone: z.string().regex(/^\+\d[\d ]{5,18}\d$/, 'Expected an international number: +973 1768 2300'),
  location: z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
  timeZone: TimeZone,
  weeklyHours: WeeklyHours,
  offerings: z.array(SeedOffering).min(1),
});

export const Seed = z
  .strictObject({
    version: z.literal(1),
    calendar: SeedCalendar,
    services: z.array(SeedService),
    centres: z.array(SeedCentre),
  })
  .superRefine((seed, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const letters = new Map(seed.services.map((s) => [s.code, s.letter]));
    for (const [i, code] of duplicates(seed.services.map((s) => s.code))) {
      issue(['services', i, 'code'], `Service code ${code} is used twice`);
    }
    for (const [i, code] of duplicates(seed.centres.map((c) => c.code))) {
      issue(['centres', i, 'code'], `Centre code ${code} is used twice`);
    }
    seed.centres.forEach((centre, c) => {
      for (const [o, code] of duplicates(centre.offerings.map((o) => o.service))) {
        issue(['centres', c, 'offerings', o, 'service'], `${code} is offered twice`);
      }
      // Ticket numbers (P-017) are read out in one hall: two services there may not share a letter.
      const offered = centre.offerings.map((o) => letters.get(o.service) ?? '');
      for (const [o, letter] of duplicates(offered)) {
        if (letter)
          issue(['centres', c, 'offerings', o, 'service'], `Letter ${letter} is taken in this centre`);
      }
      centre.offerings.forEach((offering, o) => {
        if (!letters.has(offering.service)) {
          issue(['centres', c, 'offerings', o, 'service'], `Unknown service ${offering.service}`);
        }
      });
    });
  });
export type Seed = z.infer<typeof Seed>;

function hasOverlap(rules: { from: string; to: string }[]): boolean {
  const sorted = [...rules].sort((a, b) => (a.from < b.from ? -1 : 1));
  return sorted.some((r, i) => i > 0 && r.from < (sorted[i - 1]?.to ?? ''));
}

/** Each repeated value with the index of its second (or later) occurrence. */
function duplicates(values: string[]): [number, string][] {
  const seen = new Set<string>();
  const out: [number, string][] = [];
  values.forEach((v, i) => {
    if (seen.has(v)) out.push([i, v]);
    seen.add(v);
  });
  return out;
}
