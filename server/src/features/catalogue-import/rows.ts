import { Bilingual, TimeOfDay, TimeZone, WeeklyHours } from '@mawaeed/core/contracts/common';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { Seed } from '../demo/seed-format';

/**
 * What an import file says, row by row, each with where it came from ("line 4", "centres[2]") so
 * every bad row can be reported. CSV files hold one kind each; a JSON file is the demo seed's
 * format (server/src/features/demo/seed-format.ts) and may hold all of them.
 */
export const IMPORT_KINDS = ['services', 'centres', 'offerings', 'hours'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const Code = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case code')
  .max(64);
const Int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const Bool = z.enum(['true', 'false', 'yes', 'no']).transform((v) => v === 'true' || v === 'yes');
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export const ServiceRow = z.strictObject({
  code: Code,
  letter: z.string().regex(/^[A-Z]$/, 'expected one capital letter A–Z'),
  name: Bilingual,
  description: Bilingual,
  durationMinutes: Int(1, 480),
  documents: z.strictObject({ en: z.array(z.string()), ar: z.array(z.string()) }),
  walkIns: z.boolean(),
  minLeadMinutes: Int(0, 100_000),
  maxDaysAhead: Int(0, 366),
  perPersonLimit: Int(1, 100),
});
export const CentreRow = z.strictObject({
  code: Code,
  name: Bilingual,
  address: Bilingual,
  phone: z.string().regex(/^\+\d[\d ]{5,18}\d$/, 'expected an international number: +973 1768 2300'),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  timeZone: TimeZone,
  /** Absent from a centres CSV: an hours file (or the admin API) gives them; closed until then. */
  weeklyHours: WeeklyHours.optional(),
});
export const OfferingRow = z.strictObject({
  centre: Code,
  service: Code,
  slotMinutes: Int(5, 240),
  capacity: Int(0, 10_000),
});
export const HoursRow = z
  .strictObject({ centre: Code, day: z.enum(DAYS), open: TimeOfDay, close: TimeOfDay })
  .refine((h) => h.open < h.close, { message: 'close must be after open', path: ['close'] });

export type Located<T> = { where: string; value: T };
export type ImportPlan = {
  services: Located<z.infer<typeof ServiceRow>>[];
  centres: Located<z.infer<typeof CentreRow>>[];
  offerings: Located<z.infer<typeof OfferingRow>>[];
  hours: Located<z.infer<typeof HoursRow>>[];
};
export type RowError = { where: string; message: string };
export type Parsed = { plan: ImportPlan; errors: RowError[]; rows: number };

const COLUMNS: Record<ImportKind, string[]> = {
  services: [
    'code',
    'letter',
    'name_en',
    'name_ar',
    'duration_minutes',
    'walk_ins',
    'min_lead_minutes',
    'max_days_ahead',
    'per_person_limit',
  ],
  centres: ['code', 'name_en', 'name_ar', 'address_en', 'address_ar', 'phone', 'lat', 'lng', 'time_zone'],
  offerings: ['centre_code', 'service_code', 'slot_minutes', 'capacity'],
  hours: ['centre_code', 'day', 'open', 'close'],
};
export function csvColumns(kind: ImportKind) {
  return COLUMNS[kind];
}

/** A CSV cell row as the row schema's input. */
function fromCsv(kind: ImportKind, r: Record<string, string>): unknown {
  const both = (prefix: string) => ({ en: r[`${prefix}_en`], ar: r[`${prefix}_ar`] });
  switch (kind) {
    case 'services':
      return {
        code: r.code,
        letter: r.letter,
        name: both('name'),
        description: both('name'),
        durationMinutes: r.duration_minutes,
        documents: { en: [], ar: [] },
        walkIns: Bool.safeParse(r.walk_ins?.toLowerCase()).data ?? r.walk_ins,
        minLeadMinutes: r.min_lead_minutes,
        maxDaysAhead: r.max_days_ahead,
        perPersonLimit: r.per_person_limit,
      };
    case 'centres':
      return {
        code: r.code,
        name: both('name'),
        address: both('address'),
        phone: r.phone,
        lat: r.lat,
        lng: r.lng,
        timeZone: r.time_zone,
      };
    case 'offerings':
      return {
        centre: r.centre_code,
        service: r.service_code,
        slotMinutes: r.slot_minutes,
        capacity: r.capacity,
      };
    case 'hours':
      return { centre: r.centre_code, day: r.day?.toLowerCase(), open: r.open, close: r.close };
  }
}

const SCHEMAS = {
  services: ServiceRow,
  centres: CentreRow,
  offerings: OfferingRow,
  hours: HoursRow,
} as const;

function describe(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}

const emptyPlan = (): ImportPlan => ({ services: [], centres: [], offerings: [], hours: [] });

/** One CSV file of one kind: header checked, then each line validated on its own. */
export function parseCsv(kind: ImportKind, text: string, onRow?: () => void): Parsed {
  const plan = emptyPlan();
  const errors: RowError[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true });
  } catch (err) {
    return { plan, errors: [{ where: 'file', message: (err as Error).message }], rows: 0 };
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = COLUMNS[kind].filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !COLUMNS[kind].includes(c));
  if (records.length && (missing.length || unknown.length)) {
    const parts = [
      missing.length ? `missing column(s) ${missing.join(', ')}` : '',
      unknown.length ? `unknown column(s) ${unknown.join(', ')}` : '',
    ];
    return {
      plan,
      errors: [
        {
          where: 'line 1',
          message: `${parts.filter(Boolean).join('; ')} (expected ${COLUMNS[kind].join(',')})`,
        },
      ],
      rows: records.length,
    };
  }
  for (const { record, info } of records) {
    const where = `line ${info.lines}`;
    const result = SCHEMAS[kind].safeParse(fromCsv(kind, record));
    if (result.success) (plan[kind] as Located<unknown>[]).push({ where, value: result.data });
    else errors.push({ where, message: describe(result.error.issues) });
    onRow?.();
  }
  return { plan, errors, rows: records.length };
}

/** A JSON file in the seed format: its own checks (codes, letters, references), reported by path. */
export function parseSeedJson(text: string): Parsed {
  const plan = emptyPlan();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { plan, errors: [{ where: 'file', message: `not JSON: ${(err as Error).message}` }], rows: 0 };
  }
  const result = Seed.safeParse(json);
  if (!result.success) {
    // One line per bad row: issues grouped by their first two path segments (centres[2]).
    const byRow = new Map<string, string[]>();
    for (const issue of result.error.issues) {
      const [list, index, ...rest] = issue.path.map(String);
      const where = index !== undefined && /^\d+$/.test(index) ? `${list}[${index}]` : (list ?? 'file');
      const field = index !== undefined && /^\d+$/.test(index) ? rest : issue.path.slice(1).map(String);
      byRow.set(where, [
        ...(byRow.get(where) ?? []),
        `${field.length ? `${field.join('.')}: ` : ''}${issue.message}`,
      ]);
    }
    return { plan, errors: [...byRow].map(([where, m]) => ({ where, message: m.join('; ') })), rows: 0 };
  }
  const seed = result.data;
  seed.services.forEach((s, i) => {
    plan.services.push({ where: `services[${i}]`, value: s });
  });
  seed.centres.forEach((c, i) => {
    const { offerings, location, ...centre } = c;
    plan.centres.push({ where: `centres[${i}]`, value: { ...centre, lat: location.lat, lng: location.lng } });
    offerings.forEach((o, j) => {
      plan.offerings.push({
        where: `centres[${i}].offerings[${j}]`,
        value: { centre: c.code, service: o.service, slotMinutes: o.slotMinutes, capacity: o.capacity },
      });
    });
  });
  return { plan, errors: [], rows: seed.services.length + seed.centres.length };
}
