import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../db/client';

export type BookingCounts = {
  centreId: string;
  centreCode: string;
  booked: number;
  cancelled: number;
  due: number;
  checkedIn: number;
};

/**
 * Bookings per centre whose appointment falls on a local date of the centre within [from, to]:
 * how many were made, cancelled, due (not cancelled and begun by `now`), and checked in. Days
 * the dashboard's rollup holds unchanged (decision 0021) are summed from it, a few rows a day;
 * the others are counted from the bookings of that local day, which the (centre, start) index
 * finds by the day's first and last instant in the centre's zone.
 */
export async function countBookings(
  db: Queryable,
  query: { from: string; to: string; centreId?: string | undefined; now: Date },
) {
  const rows = await queryRows<Record<keyof BookingCounts, string | number>>(
    db,
    sql`WITH scope AS (
          SELECT id, code, time_zone FROM centres
          WHERE ${query.centreId ?? null}::uuid IS NULL OR id = ${query.centreId ?? null}::uuid
        ), days AS (
          SELECT s.id, s.time_zone, g.day::date AS day,
            EXISTS (SELECT 1 FROM dashboard_days d WHERE d.centre_id = s.id AND d.day = g.day::date)
              AND NOT EXISTS (SELECT 1 FROM dashboard_stale_days x WHERE x.centre_id = s.id AND x.day = g.day::date)
              AS rolled
          FROM scope s, generate_series(${query.from}::date, ${query.to}::date, interval '1 day') AS g(day)
        ), counted AS (
          SELECT d.id, r.status, r.count, r.starts_at
          FROM days d JOIN dashboard_booking_days r ON r.centre_id = d.id AND r.day = d.day
          WHERE d.rolled
          UNION ALL
          SELECT d.id, b.status, 1, b.starts_at
          FROM days d JOIN bookings b ON b.centre_id = d.id
            AND b.starts_at >= d.day::timestamp AT TIME ZONE d.time_zone
            AND b.starts_at < (d.day + 1)::timestamp AT TIME ZONE d.time_zone
            AND (b.starts_at AT TIME ZONE d.time_zone)::date = d.day
          WHERE NOT d.rolled
        )
        SELECT s.id AS "centreId", s.code AS "centreCode",
          coalesce(sum(k.count), 0) AS booked,
          coalesce(sum(k.count) FILTER (WHERE k.status = 'cancelled'), 0) AS cancelled,
          coalesce(sum(k.count) FILTER (WHERE k.status <> 'cancelled' AND k.starts_at <= ${query.now}), 0) AS due,
          coalesce(sum(k.count) FILTER (WHERE k.status IN ('checked_in', 'served') AND k.starts_at <= ${query.now}), 0)
            AS "checkedIn"
        FROM scope s LEFT JOIN counted k ON k.id = s.id
        GROUP BY s.id, s.code
        ORDER BY s.code`,
  );
  return rows.map(
    (r): BookingCounts => ({
      centreId: String(r.centreId),
      centreCode: String(r.centreCode),
      booked: Number(r.booked),
      cancelled: Number(r.cancelled),
      due: Number(r.due),
      checkedIn: Number(r.checkedIn),
    }),
  );
}
