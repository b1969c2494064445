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
 * how many were made, cancelled, due (not cancelled and begun by `now`), and checked in.
 */
export async function countBookings(
  db: Queryable,
  query: { from: string; to: string; centreId?: string | undefined; now: Date },
) {
  const rows = await queryRows<Record<keyof BookingCounts, string | number>>(
    db,
    sql`SELECT c.id AS "centreId", c.code AS "centreCode",
          count(b.id) AS booked,
          count(b.id) FILTER (WHERE b.status = 'cancelled') AS cancelled,
          count(b.id) FILTER (WHERE b.status <> 'cancelled' AND b.starts_at <= ${query.now}) AS due,
          count(b.id) FILTER (WHERE b.status IN ('checked_in', 'served') AND b.starts_at <= ${query.now}) AS "checkedIn"
        FROM centres c
        LEFT JOIN bookings b ON b.centre_id = c.id
          -- A day either side of the local dates covers every zone and lets the (centre, start)
          -- index find the period; the exact local-date test follows.
          AND b.starts_at >= (${query.from}::date - 1)::timestamptz AND b.starts_at < (${query.to}::date + 2)::timestamptz
          AND (b.starts_at AT TIME ZONE c.time_zone)::date BETWEEN ${query.from}::date AND ${query.to}::date
        WHERE ${query.centreId ?? null}::uuid IS NULL OR c.id = ${query.centreId ?? null}::uuid
        GROUP BY c.id, c.code
        ORDER BY c.code`,
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
