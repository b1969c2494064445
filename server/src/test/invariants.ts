import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client';

/**
 * What must hold in the database whatever arrived at once. Each check is a query that returns the
 * rows breaking it; an empty result is a pass. Run after every concurrency test.
 */
const CHECKS: Record<string, ReturnType<typeof sql>> = {
  'no slot over capacity': sql`
    SELECT offering_id, starts_at, booked, capacity FROM slot_loads WHERE booked > capacity OR booked < 0`,
  'seats taken equal the bookings holding them': sql`
    SELECT coalesce(l.offering_id, b.offering_id) AS offering_id, coalesce(l.starts_at, b.starts_at) AS starts_at,
           coalesce(l.booked, 0) AS booked, coalesce(b.holding, 0) AS holding
      FROM slot_loads l
      FULL JOIN (SELECT offering_id, starts_at, count(*)::int AS holding FROM bookings
                  WHERE status IN ('confirmed', 'checked_in') GROUP BY 1, 2) b
        ON b.offering_id = l.offering_id AND b.starts_at = l.starts_at
     WHERE coalesce(l.booked, 0) <> coalesce(b.holding, 0)`,
  'no person over their limit for a service': sql`
    SELECT b.customer_id, b.service_id, count(*)::int AS active, s.per_person_limit
      FROM bookings b JOIN services s ON s.id = b.service_id
     WHERE b.status IN ('confirmed', 'checked_in')
     GROUP BY 1, 2, s.per_person_limit HAVING count(*) > s.per_person_limit`,
  'person counters equal their active bookings': sql`
    SELECT h.customer_id, h.service_id, h.active, coalesce(b.n, 0) AS bookings
      FROM person_holds h
      LEFT JOIN (SELECT customer_id, service_id, count(*)::int AS n FROM bookings
                  WHERE status IN ('confirmed', 'checked_in') GROUP BY 1, 2) b
        ON b.customer_id = h.customer_id AND b.service_id = h.service_id
     WHERE h.active <> coalesce(b.n, 0)`,
  'every booking has a history ending in its status': sql`
    SELECT b.reference, b.status, last.to_status
      FROM bookings b
      LEFT JOIN LATERAL (SELECT to_status FROM booking_history h WHERE h.booking_id = b.id ORDER BY h.id DESC LIMIT 1) last ON true
     WHERE last.to_status IS DISTINCT FROM b.status`,
  'only legal transitions in the booking history': sql`
    SELECT h.booking_id, h.event, h.from_status, h.to_status FROM booking_history h
     WHERE (h.event, coalesce(h.from_status, '-'), h.to_status) NOT IN (
       ('book', '-', 'confirmed'), ('reschedule', 'confirmed', 'confirmed'), ('cancel', 'confirmed', 'cancelled'),
       ('check_in', 'confirmed', 'checked_in'), ('serve', 'checked_in', 'served'),
       ('mark_no_show', 'confirmed', 'no_show'), ('mark_no_show', 'checked_in', 'no_show'))`,
};

export type InvariantReport = { name: string; violations: unknown[] }[];

export async function checkInvariants(db: Queryable): Promise<InvariantReport> {
  const report: InvariantReport = [];
  for (const [name, query] of Object.entries(CHECKS)) {
    report.push({ name, violations: await queryRows(db, query) });
  }
  return report;
}

/** Throws with every broken invariant and its first rows. */
export async function assertInvariants(db: Queryable): Promise<void> {
  const broken = (await checkInvariants(db)).filter((r) => r.violations.length > 0);
  if (broken.length > 0) {
    throw new Error(
      `Invariants broken:\n${broken.map((b) => `- ${b.name}: ${JSON.stringify(b.violations.slice(0, 5))}`).join('\n')}`,
    );
  }
}
