import { and, between, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { queryRows } from '../../db/client';
import { dashboardBookingDays, dashboardDays, dashboardStaleDays, dashboardVisitDays } from '../../db/schema';
import { centreFilter, type Scope } from './repository';

export type VisitDayRow = typeof dashboardVisitDays.$inferInsert;
export type BookingDayRow = typeof dashboardBookingDays.$inferInsert;
type Kind = VisitDayRow['kind'];

/** Every centre id, active or not: the scope "every centre" reads them all. */
export async function listCentreIds(db: Queryable) {
  const rows = await queryRows<{ id: string }>(db, sql`SELECT id FROM centres`);
  return rows.map((r) => r.id);
}

/** The built days of the scope up to `to` that changed since: read from the tickets until rebuilt. */
export async function listCleanDays(db: Queryable, s: Scope, to: string) {
  return queryRows<{ centreId: string; day: string }>(
    db,
    sql`SELECT d.centre_id AS "centreId", to_char(d.day, 'YYYY-MM-DD') AS day
        FROM dashboard_days d
        WHERE d.day BETWEEN ${s.from}::date AND ${to}::date AND ${centreFilter(sql.raw('d.centre_id'), s.centreIds)}
          AND NOT EXISTS (SELECT 1 FROM dashboard_stale_days x WHERE x.centre_id = d.centre_id AND x.day = d.day)`,
  );
}

/**
 * The rollup rows of one kind (and key) for the scope's centres and days up to `to`. Series
 * travel as base64 text: decoding it is a memory copy, where an array literal is parsed a number at a time.
 */
export async function listVisitDays(db: Queryable, s: Scope, to: string, kind: Kind, key: string | null) {
  const rows = await db
    .select({
      centreId: dashboardVisitDays.centreId,
      day: dashboardVisitDays.day,
      visits: dashboardVisitDays.visits,
      complianceDue: dashboardVisitDays.complianceDue,
      complianceKept: dashboardVisitDays.complianceKept,
      waits: dashboardVisitDays.waits,
      cells: dashboardVisitDays.cells,
      services: dashboardVisitDays.services,
      staffedMs: dashboardVisitDays.staffedMs,
      rated: dashboardVisitDays.rated,
      performance: dashboardVisitDays.performance,
      organisation: dashboardVisitDays.organisation,
      quality: dashboardVisitDays.quality,
      satisfied: dashboardVisitDays.satisfied,
    })
    .from(dashboardVisitDays)
    .where(
      and(
        eq(dashboardVisitDays.kind, kind),
        key === null ? undefined : eq(dashboardVisitDays.key, key),
        between(dashboardVisitDays.day, s.from, to),
        s.centreIds === null ? undefined : inArray(dashboardVisitDays.centreId, s.centreIds),
      ),
    );
  return rows;
}

/** The rollup's bookings of the scope's centres (and service) per centre, day and status. */
export async function listBookingDays(db: Queryable, s: Scope, to: string) {
  return queryRows<{ centreId: string; day: string; status: string; count: number; startsAt: number }>(
    db,
    sql`SELECT centre_id AS "centreId", to_char(day, 'YYYY-MM-DD') AS day, status, sum(count)::int AS count,
          floor(extract(epoch FROM max(starts_at)) * 1000)::float8 AS "startsAt"
        FROM dashboard_booking_days
        WHERE day BETWEEN ${s.from}::date AND ${to}::date
          AND ${centreFilter(sql.raw('centre_id'), s.centreIds)}
          AND (${s.serviceId ?? null}::uuid IS NULL OR service_id = ${s.serviceId ?? null}::uuid)
        GROUP BY 1, 2, 3`,
  );
}

/** Days a change touched after they were over; the row lock orders it against a rebuild. */
export async function markDayChanged(tx: Queryable, centreId: string, day: string) {
  await tx
    .insert(dashboardStaleDays)
    .values({ centreId, day })
    .onConflictDoUpdate({
      target: [dashboardStaleDays.centreId, dashboardStaleDays.day],
      set: { changes: sql`${dashboardStaleDays.changes} + 1` },
    });
}

/** As markDayChanged, for an instant: the day is the centre's local date of it, if it is over. */
export async function markInstantChanged(tx: Queryable, centreId: string, at: Date, lastDay: string) {
  await queryRows(
    tx,
    sql`INSERT INTO dashboard_stale_days (centre_id, day)
        SELECT id, (${at}::timestamptz AT TIME ZONE time_zone)::date FROM centres
        WHERE id = ${centreId} AND (${at}::timestamptz AT TIME ZONE time_zone)::date <= ${lastDay}::date
        ON CONFLICT (centre_id, day) DO UPDATE SET changes = dashboard_stale_days.changes + 1`,
  );
}

/**
 * The days of each centre, up to `lastDay`, that want building: changed ones, and those without
 * a rollup from the centre's first ticket, booking or session on.
 */
export async function listDaysToBuild(db: Queryable, lastDay: string, centreIds: string[] | null) {
  return queryRows<{ centreId: string; day: string }>(
    db,
    sql`WITH firsts AS (
          SELECT c.id, least(
            (SELECT min(day) FROM tickets t WHERE t.centre_id = c.id),
            (SELECT (min(b.starts_at) AT TIME ZONE c.time_zone)::date FROM bookings b WHERE b.centre_id = c.id),
            (SELECT (min(s.opened_at) AT TIME ZONE c.time_zone)::date FROM counter_sessions s WHERE s.centre_id = c.id)
          ) AS first
          FROM centres c WHERE ${centreFilter(sql.raw('c.id'), centreIds)}
        )
        SELECT f.id AS "centreId", to_char(g.day, 'YYYY-MM-DD') AS day
        FROM firsts f, generate_series(f.first, ${lastDay}::date, interval '1 day') AS g(day)
        WHERE f.first IS NOT NULL
          AND (NOT EXISTS (SELECT 1 FROM dashboard_days d WHERE d.centre_id = f.id AND d.day = g.day::date)
            OR EXISTS (SELECT 1 FROM dashboard_stale_days x WHERE x.centre_id = f.id AND x.day = g.day::date))
        ORDER BY 1, 2`,
  );
}

/**
 * Replaces a centre's rollup of some days. The change marks go first: deleting one waits for
 * a change still holding it, and what is read after that sees the change.
 */
export async function clearDays(tx: Queryable, centreId: string, from: string, to: string) {
  for (const table of [
    'dashboard_stale_days',
    'dashboard_visit_days',
    'dashboard_booking_days',
    'dashboard_days',
  ])
    await tx.execute(
      sql`DELETE FROM ${sql.identifier(table)} WHERE centre_id = ${centreId} AND day BETWEEN ${from}::date AND ${to}::date`,
    );
}

export async function insertDays(
  tx: Queryable,
  rows: { days: (typeof dashboardDays.$inferInsert)[]; visits: VisitDayRow[]; bookings: BookingDayRow[] },
) {
  // Parameters per statement stay under PostgreSQL's 65,535.
  for (let i = 0; i < rows.visits.length; i += 2_000)
    await tx.insert(dashboardVisitDays).values(rows.visits.slice(i, i + 2_000));
  for (let i = 0; i < rows.bookings.length; i += 5_000)
    await tx.insert(dashboardBookingDays).values(rows.bookings.slice(i, i + 5_000));
  if (rows.days.length) await tx.insert(dashboardDays).values(rows.days);
}
