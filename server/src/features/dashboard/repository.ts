import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { queryRows } from '../../db/client';
import { kpiTargets } from '../../db/schema';

/** Which rows a period query reads: local dates of each row's centre, and optional filters. */
export type Scope = {
  from: string;
  to: string;
  /** null: every centre (administrators). */
  centreIds: string[] | null;
  serviceId?: string | undefined;
  counterId?: string | undefined;
};

const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown) => (v === null || v === undefined ? null : date(v));
export const centreFilter = (column: ReturnType<typeof sql.raw>, ids: string[] | null) =>
  ids === null
    ? sql`TRUE`
    : ids.length === 0
      ? sql`FALSE`
      : sql`${column} IN (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
/**
 * A prefilter on an instant column the index can use: a day either side of the local dates
 * covers every zone; the exact local-date test follows it.
 */
const around = (column: ReturnType<typeof sql.raw>, s: Scope) =>
  sql`${column} >= (${s.from}::date - 1)::timestamptz AND ${column} < (${s.to}::date + 2)::timestamptz`;

export async function listWaiting(db: Queryable, centreId: string) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT s.id AS "serviceId", s.letter, s.name, t.appointment_at AS "appointmentAt", t.queued_at AS "queuedAt"
        FROM offerings o
        JOIN services s ON s.id = o.service_id
        LEFT JOIN tickets t ON t.centre_id = o.centre_id AND t.service_id = s.id AND t.status = 'waiting'
        WHERE o.centre_id = ${centreId} AND o.active
        ORDER BY s.sort_order, s.letter`,
  );
  return rows.map((r) => ({
    serviceId: String(r.serviceId),
    letter: String(r.letter),
    name: r.name as { en: string; ar: string },
    appointmentAt: dateOrNull(r.appointmentAt),
    queuedAt: dateOrNull(r.queuedAt),
  }));
}

export async function countHallActivity(db: Queryable, centreId: string, since: Date) {
  const [row] = await queryRows<{ open: number | string; calls: number | string }>(
    db,
    sql`SELECT
          (SELECT count(*) FROM counter_sessions WHERE centre_id = ${centreId} AND closed_at IS NULL) AS open,
          (SELECT count(*) FROM ticket_history WHERE centre_id = ${centreId} AND event = 'call' AND at >= ${since}) AS calls`,
  );
  return { countersOpen: Number(row?.open ?? 0), callsLastHour: Number(row?.calls ?? 0) };
}

/**
 * The visits of the period (tickets by their local day, transfers' first halves left out).
 * Instants travel as epoch milliseconds (truncated, as the driver truncates a timestamp to a
 * Date): a number parses several times faster than a timestamp, and a year is millions of them.
 */
export async function listVisits(db: Queryable, s: Scope) {
  const ms = (column: string) => sql.raw(`floor(extract(epoch FROM t.${column}) * 1000)::float8`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT to_char(t.day, 'YYYY-MM-DD') AS day, c.time_zone AS zone, t.service_id AS "serviceId",
          t.counter_id AS "counterId", ${ms('appointment_at')} AS "appointmentAt",
          ${ms('queued_at')} AS "queuedAt", ${ms('called_at')} AS "calledAt", ${ms('started_at')} AS "startedAt",
          ${ms('finished_at')} AS "finishedAt"
        FROM tickets t JOIN centres c ON c.id = t.centre_id
        WHERE t.day BETWEEN ${s.from}::date AND ${s.to}::date
          AND ${centreFilter(sql.raw('t.centre_id'), s.centreIds)}
          AND t.status <> 'transferred'
          AND (${s.serviceId ?? null}::uuid IS NULL OR t.service_id = ${s.serviceId ?? null}::uuid)
          AND (${s.counterId ?? null}::uuid IS NULL OR t.counter_id = ${s.counterId ?? null}::uuid)`,
  );
  const instant = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)));
  return rows.map((r) => ({
    day: String(r.day),
    zone: String(r.zone),
    serviceId: String(r.serviceId),
    counterId: r.counterId === null ? null : String(r.counterId),
    appointmentAt: instant(r.appointmentAt),
    queuedAt: new Date(Number(r.queuedAt)),
    calledAt: instant(r.calledAt),
    startedAt: instant(r.startedAt),
    finishedAt: instant(r.finishedAt),
  }));
}

/**
 * The period's bookings counted per local day, service, status and whether they had begun by `now`:
 * a year is a few thousand rows, not millions. `startsAt` is the latest start of each group,
 * which is on the same side of `now` as all of them, so countBookings() decides as it would
 * for each booking.
 */
export async function listBookings(db: Queryable, s: Scope, now: Date) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT b.status, max(b.starts_at) AS "startsAt", count(*)::int AS count,
          to_char((b.starts_at AT TIME ZONE c.time_zone)::date, 'YYYY-MM-DD') AS day, b.service_id AS "serviceId"
        FROM bookings b JOIN centres c ON c.id = b.centre_id
        WHERE ${around(sql.raw('b.starts_at'), s)}
          AND (b.starts_at AT TIME ZONE c.time_zone)::date BETWEEN ${s.from}::date AND ${s.to}::date
          AND ${centreFilter(sql.raw('b.centre_id'), s.centreIds)}
          AND (${s.serviceId ?? null}::uuid IS NULL OR b.service_id = ${s.serviceId ?? null}::uuid)
        GROUP BY 4, b.service_id, b.status, b.starts_at <= ${now}`,
  );
  return rows.map((r) => ({
    status: r.status as 'confirmed' | 'checked_in' | 'served' | 'cancelled' | 'no_show',
    startsAt: date(r.startsAt),
    count: Number(r.count),
    day: String(r.day),
    serviceId: String(r.serviceId),
  }));
}

/**
 * Staffed milliseconds per counter and local day of the period: each counter session clipped to
 * each day (the `now` end for open ones), sessions counted on the days up to two after they
 * opened. Per day so that days add up: the rollup keeps them per day.
 */
export async function listStaffedDays(db: Queryable, s: Scope, now: Date) {
  const ms = (instant: ReturnType<typeof sql>) => sql`floor(extract(epoch FROM ${instant}) * 1000)`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT cs.counter_id AS "counterId", to_char(d.day, 'YYYY-MM-DD') AS day,
          sum(greatest(0, ${ms(sql`least(coalesce(cs.closed_at, ${now}), (d.day + 1)::timestamp AT TIME ZONE c.time_zone)`)}
            - ${ms(sql`greatest(cs.opened_at, d.day::timestamp AT TIME ZONE c.time_zone)`)}))::float8 AS ms
        FROM (SELECT generate_series(${s.from}::date, ${s.to}::date, interval '1 day')::date AS day) d
        JOIN counter_sessions cs ON cs.opened_at >= (d.day - 2)::timestamptz AND cs.opened_at < (d.day + 2)::timestamptz
        JOIN centres c ON c.id = cs.centre_id
        WHERE ${centreFilter(sql.raw('cs.centre_id'), s.centreIds)}
          AND (${s.counterId ?? null}::uuid IS NULL OR cs.counter_id = ${s.counterId ?? null}::uuid)
        GROUP BY cs.counter_id, d.day`,
  );
  return rows.map((r) => ({ counterId: String(r.counterId), day: String(r.day), ms: Number(r.ms) }));
}

/** Ratings of the period summed per local day of the visit, service and counter (RatingTotals). */
export async function listRatings(db: Queryable, s: Scope) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT to_char((f.visited_at AT TIME ZONE c.time_zone)::date, 'YYYY-MM-DD') AS day,
          f.service_id AS "serviceId", f.counter_id AS "counterId", count(*)::int AS count,
          sum(f.performance)::int AS performance, sum(f.organisation)::int AS organisation,
          sum(f.quality)::int AS quality,
          (count(*) FILTER (WHERE f.performance >= 4 AND f.organisation >= 4 AND f.quality >= 4))::int AS satisfied
        FROM feedback f JOIN centres c ON c.id = f.centre_id
        WHERE ${around(sql.raw('f.visited_at'), s)}
          AND (f.visited_at AT TIME ZONE c.time_zone)::date BETWEEN ${s.from}::date AND ${s.to}::date
          AND ${centreFilter(sql.raw('f.centre_id'), s.centreIds)}
          AND (${s.serviceId ?? null}::uuid IS NULL OR f.service_id = ${s.serviceId ?? null}::uuid)
          AND (${s.counterId ?? null}::uuid IS NULL OR f.counter_id = ${s.counterId ?? null}::uuid)
        GROUP BY 1, 2, 3`,
  );
  return rows.map((r) => ({
    day: String(r.day),
    serviceId: String(r.serviceId),
    counterId: r.counterId === null ? null : String(r.counterId),
    totals: {
      count: Number(r.count),
      performance: Number(r.performance),
      organisation: Number(r.organisation),
      quality: Number(r.quality),
      satisfied: Number(r.satisfied),
    },
  }));
}

/** Freed seats booked through a waitlist offer, by the local date the offer was accepted. */
export async function listWaitlistRefills(db: Queryable, s: Scope) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT h.freed_at AS "freedAt", h.decided_at AS "bookedAt"
        FROM seat_holds h
        JOIN offerings o ON o.id = h.offering_id
        JOIN centres c ON c.id = o.centre_id
        WHERE h.status = 'accepted' AND h.kind = 'offer'
          AND ${around(sql.raw('h.decided_at'), s)}
          AND (h.decided_at AT TIME ZONE c.time_zone)::date BETWEEN ${s.from}::date AND ${s.to}::date
          AND ${centreFilter(sql.raw('o.centre_id'), s.centreIds)}
          AND (${s.serviceId ?? null}::uuid IS NULL OR o.service_id = ${s.serviceId ?? null}::uuid)`,
  );
  return rows.map((r) => ({ freedAt: date(r.freedAt), bookedAt: date(r.bookedAt) }));
}

export async function listTargets(db: Queryable) {
  return db.select().from(kpiTargets);
}

export async function saveTarget(tx: Queryable, values: typeof kpiTargets.$inferInsert) {
  await tx
    .insert(kpiTargets)
    .values(values)
    .onConflictDoUpdate({
      target: kpiTargets.kpi,
      set: { target: values.target, updatedBy: values.updatedBy, updatedAt: values.updatedAt },
    });
}

export async function listActiveCentres(db: Queryable) {
  return queryRows<{ id: string; name: { en: string; ar: string }; time_zone: string }>(
    db,
    sql`SELECT id, name, time_zone FROM centres WHERE active ORDER BY code`,
  );
}
