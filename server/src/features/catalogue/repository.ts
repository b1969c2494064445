import type { CentreSchedule } from '@mawaeed/core/schedule/types';
import { and, asc, eq, gte, isNull, lt, lte, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { preparedOnce, type Queryable, runStatement, type Statement } from '../../db/client';
import { centres, closures, offerings, services, slotLoads, specialPeriods } from '../../db/schema';

export type CentreRow = typeof centres.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type OfferingRow = typeof offerings.$inferSelect;

export async function listActiveCentres(db: Queryable) {
  return db.select().from(centres).where(eq(centres.active, true)).orderBy(asc(centres.code));
}

export async function findCentre(db: Queryable, id: string) {
  const [row] = await db
    .select()
    .from(centres)
    .where(and(eq(centres.id, id), eq(centres.active, true)));
  return row;
}

export async function findCentreAny(db: Queryable, id: string) {
  const [row] = await db.select().from(centres).where(eq(centres.id, id));
  return row;
}

export async function findServiceAny(db: Queryable, id: string) {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  return row;
}

export async function listActiveServices(db: Queryable) {
  return db
    .select()
    .from(services)
    .where(eq(services.active, true))
    .orderBy(asc(services.sortOrder), asc(services.code));
}

export async function findService(db: Queryable, id: string) {
  const [row] = await db
    .select()
    .from(services)
    .where(and(eq(services.id, id), eq(services.active, true)));
  return row;
}

/** centreId → ids of the active services it offers. */
export async function listOfferedServices(db: Queryable) {
  const rows = await db
    .select({ centreId: offerings.centreId, serviceId: offerings.serviceId })
    .from(offerings)
    .innerJoin(services, eq(services.id, offerings.serviceId))
    .where(and(eq(offerings.active, true), eq(services.active, true)))
    .orderBy(asc(services.sortOrder), asc(services.code));
  const byCentre = new Map<string, string[]>();
  for (const r of rows) byCentre.set(r.centreId, [...(byCentre.get(r.centreId) ?? []), r.serviceId]);
  return byCentre;
}

/** The offering of a service at a centre, with both it and its parents active. */
function isActiveOffering(centreId: string | Placeholder, serviceId: string | Placeholder) {
  return and(
    eq(offerings.centreId, centreId),
    eq(offerings.serviceId, serviceId),
    eq(offerings.active, true),
    eq(centres.active, true),
    eq(services.active, true),
  );
}

/** An active offering with its active centre and service, in one round trip. */
export async function findOfferingWithParents(db: Queryable, centreId: string, serviceId: string) {
  const [row] = await db
    .select({ offering: offerings, centre: centres, service: services })
    .from(offerings)
    .innerJoin(centres, eq(centres.id, offerings.centreId))
    .innerJoin(services, eq(services.id, offerings.serviceId))
    .where(isActiveOffering(centreId, serviceId));
  return row;
}

type ClosureRow = typeof closures.$inferSelect;
type SpecialPeriodRow = typeof specialPeriods.$inferSelect;

/** Local dates, or the centre-local day of an instant (worked out in SQL from the centre's zone). */
export type DayRange = { from: string; to: string } | { at: Date };

/**
 * The seats taken or held per slot start (epoch ms) of an offering, from the day before `from`
 * to the day after `to` in the zone, as JSON text in start order: the same rows give the same
 * text, which is what the availability cache compares.
 */
function takenSeats(offeringId: SQL, from: SQL, to: SQL, timeZone: SQL) {
  return sql`
    SELECT coalesce(json_agg(json_build_array(
      (extract(epoch FROM sl.starts_at) * 1000)::bigint, sl.booked + sl.held) ORDER BY sl.starts_at)::text, '[]')
    FROM slot_loads sl
    WHERE sl.offering_id = ${offeringId}
      AND sl.starts_at >= ((${from} - 1)::timestamp AT TIME ZONE ${timeZone})
      AND sl.starts_at < ((${to} + 2)::timestamp AT TIME ZONE ${timeZone})
      AND sl.booked + sl.held > 0`;
}

/** The catalogue's version (migration 0016), as text. */
const versionNow = sql`SELECT version::text FROM catalogue_version WHERE id = 1`;

/**
 * The offering, its parents and the calendar between two local dates (`from`, `to`: SQL that
 * gives dates), with the seats taken when `taken`; its parameters are placeholders.
 */
function offeringCalendarQuery(db: Queryable, from: SQL, to: SQL, taken: boolean) {
  return db
    .select({
      offering: offerings,
      centre: centres,
      service: services,
      closures: sql<ClosureRow[] | string>`(
        SELECT coalesce(json_agg(json_build_object(
          'id', cl.id, 'centreId', cl.centre_id, 'date', cl.date, 'kind', cl.kind, 'name', cl.name,
          'openHours', cl.open_hours, 'provisional', cl.provisional)
          ORDER BY cl.date, cl.centre_id NULLS FIRST), '[]')
        FROM closures cl
        WHERE (cl.centre_id = ${centres.id} OR cl.centre_id IS NULL) AND cl.date >= ${from} AND cl.date <= ${to})`,
      specialPeriods: sql<SpecialPeriodRow[] | string>`(
        SELECT coalesce(json_agg(json_build_object(
          'id', sp.id, 'centreId', sp.centre_id, 'name', sp.name, 'startsOn', sp.starts_on,
          'endsOn', sp.ends_on, 'weeklyHours', sp.weekly_hours, 'provisional', sp.provisional)
          ORDER BY sp.starts_on), '[]')
        FROM special_periods sp
        WHERE sp.centre_id = ${centres.id} AND sp.starts_on <= ${to} AND sp.ends_on >= ${from})`,
      taken: taken
        ? sql<string>`(${takenSeats(sql`${offerings.id}`, from, to, sql`${centres.timeZone}`)})`
        : sql<null>`NULL`,
      catalogueVersion: sql<string>`(${versionNow})`,
    })
    .from(offerings)
    .innerJoin(centres, eq(centres.id, offerings.centreId))
    .innerJoin(services, eq(services.id, offerings.serviceId))
    .where(isActiveOffering(sql.placeholder('centreId'), sql.placeholder('serviceId')));
}

/** The local date of the instant `at` in the centre's zone, as SQL with a placeholder. */
const localDateAt = sql`(${sql.placeholder('at')}::timestamptz AT TIME ZONE ${centres.timeZone})::date`;

// Read by every booking under the schedule lock, and by every availability request: built once.
const offeringCalendarAt = preparedOnce((db) =>
  offeringCalendarQuery(db, localDateAt, localDateAt, false).prepare('catalogue_offering_calendar_at'),
);
const offeringCalendarOver = (taken: boolean) =>
  preparedOnce((db) =>
    offeringCalendarQuery(
      db,
      sql`${sql.placeholder('from')}::date`,
      sql`${sql.placeholder('to')}::date`,
      taken,
    ).prepare(taken ? 'catalogue_offering_calendar_taken' : 'catalogue_offering_calendar_range'),
  );
const offeringCalendarTaken = offeringCalendarOver(true);
const offeringCalendarRange = offeringCalendarOver(false);

/**
 * An active offering with its parents and the centre's calendar over a range of its local days,
 * in one round trip (the booking transaction reads it under the schedule lock): the same rows as
 * findOfferingWithParents and loadCalendar. With `taken`, also the seats taken or held per slot
 * start (epoch ms) from the day before `from` to the day after `to`, as loadTakenSeats gives them.
 */
export async function findOfferingCalendar(
  db: Queryable,
  centreId: string,
  serviceId: string,
  range: DayRange,
  options: { taken?: boolean } = {},
) {
  const [row] =
    'at' in range
      ? await offeringCalendarAt(db, { centreId, serviceId, at: range.at.toISOString() })
      : await (options.taken ? offeringCalendarTaken : offeringCalendarRange)(db, {
          centreId,
          serviceId,
          from: range.from,
          to: range.to,
        });
  if (!row) return undefined;
  // A centre's own entry for a date overrides the national one (ordered after it).
  const byDate = new Map<string, ClosureRow>();
  for (const c of parseJson(row.closures)) byDate.set(c.date, c);
  return {
    offering: row.offering,
    centre: row.centre,
    service: row.service,
    calendar: { closures: [...byDate.values()], specialPeriods: parseJson(row.specialPeriods) },
    taken: takenMap(row.taken ?? '[]'),
    /** With `taken`: the seats as JSON text and the catalogue version, for the availability cache. */
    takenText: row.taken,
    catalogueVersion: row.catalogueVersion,
  };
}

function takenMap(text: string) {
  return new Map((JSON.parse(text) as [number, number][]).map(([at, n]) => [Number(at), Number(n)]));
}

/**
 * What may have changed an offering's availability since an answer was made: the catalogue's
 * version and the seats taken over the answer's days (the text findOfferingCalendar gave), in
 * one read of the slot index.
 */
export async function readSeatsAndVersion(
  db: Queryable,
  offeringId: string,
  range: { from: string; to: string },
  timeZone: string,
) {
  const [row] = await runStatement<{ version: string; taken: string }>(db, SEATS_AND_VERSION, [
    offeringId,
    range.from,
    range.to,
    timeZone,
  ]);
  if (!row) throw new Error('catalogue_version has no row');
  return { version: row.version, takenText: row.taken, taken: () => takenMap(row.taken) };
}

const SEATS_AND_VERSION: Statement = {
  name: 'catalogue_seats_and_version',
  text: new PgDialect().sqlToQuery(
    sql`SELECT (${versionNow}) AS version, (${takenSeats(sql.raw('$1::uuid'), sql.raw('$2::date'), sql.raw('$3::date'), sql.raw('$4::text'))}) AS taken`,
  ).sql,
};

/** json from a raw column: node-postgres parses it, PGlite too; a string is parsed here. */
function parseJson<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

/** Closures (national and the centre's own) and special periods touching a date range. */
export async function loadCalendar(db: Queryable, centreId: string, from: string, to: string) {
  const [closureRows, periodRows] = await Promise.all([
    db
      .select()
      .from(closures)
      .where(
        and(
          or(eq(closures.centreId, centreId), isNull(closures.centreId)),
          gte(closures.date, from),
          lte(closures.date, to),
        ),
      )
      .orderBy(asc(closures.date)),
    db
      .select()
      .from(specialPeriods)
      .where(
        and(
          eq(specialPeriods.centreId, centreId),
          lte(specialPeriods.startsOn, to),
          gte(specialPeriods.endsOn, from),
        ),
      )
      .orderBy(asc(specialPeriods.startsOn)),
  ]);
  // A centre's own entry for a date overrides the national one.
  const byDate = new Map<string, (typeof closureRows)[number]>();
  for (const c of closureRows) if (!byDate.has(c.date) || c.centreId) byDate.set(c.date, c);
  return { closures: [...byDate.values()], specialPeriods: periodRows };
}

export function toSchedule(
  centre: CentreRow,
  calendar: Awaited<ReturnType<typeof loadCalendar>>,
): CentreSchedule {
  return {
    timeZone: centre.timeZone,
    weeklyHours: centre.weeklyHours,
    specialPeriods: calendar.specialPeriods.map((p) => ({
      from: p.startsOn,
      to: p.endsOn,
      name: p.name,
      weeklyHours: p.weeklyHours,
      provisional: p.provisional,
    })),
    closures: calendar.closures.map((c) => ({
      date: c.date,
      kind: c.kind,
      name: c.name,
      openHours: c.openHours,
      provisional: c.provisional,
    })),
  };
}

/** Seats taken or held per slot start (epoch ms) for an offering between two instants. */
export async function loadTakenSeats(db: Queryable, offeringId: string, from: Date, to: Date) {
  const rows = await db
    .select({ startsAt: slotLoads.startsAt, taken: sql<number>`${slotLoads.booked} + ${slotLoads.held}` })
    .from(slotLoads)
    .where(
      and(
        eq(slotLoads.offeringId, offeringId),
        gte(slotLoads.startsAt, from),
        lt(slotLoads.startsAt, to),
        sql`${slotLoads.booked} + ${slotLoads.held} > 0`,
      ),
    );
  // Held seats (a waitlist offer, a delayed release) are not available to the public.
  return new Map(rows.map((r) => [r.startsAt.getTime(), Number(r.taken)]));
}
