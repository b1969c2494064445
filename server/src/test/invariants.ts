import { TICKET_EVENTS, TICKET_STATUSES, transitionTicket } from '@mawaeed/core/queue/ticket-status';
import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client';

/** Every (event, from, to) the ticket state machine allows, and the issue of a new ticket. */
const LEGAL_TICKET_STEPS = sql.join(
  [
    sql`('issue', '-', 'waiting')`,
    ...TICKET_STATUSES.flatMap((from) =>
      TICKET_EVENTS.flatMap((event) => {
        const step = transitionTicket(from, event);
        return step.ok ? [sql`(${event}, ${from}, ${step.to})`] : [];
      }),
    ),
  ],
  sql`, `,
);

/**
 * What must hold in the database whatever arrived at once. Each check is a query that returns the
 * rows breaking it; an empty result is a pass. Run after every concurrency test.
 */
const CHECKS: Record<string, ReturnType<typeof sql>> = {
  'no slot over capacity': sql`
    SELECT offering_id, starts_at, booked, held, capacity FROM slot_loads
     WHERE booked + held > capacity OR booked < 0 OR held < 0`,
  'held seats equal the active seat holds': sql`
    SELECT coalesce(l.offering_id, h.offering_id) AS offering_id, coalesce(l.starts_at, h.starts_at) AS starts_at,
           coalesce(l.held, 0) AS held, coalesce(h.n, 0) AS holds
      FROM slot_loads l
      FULL JOIN (SELECT offering_id, starts_at, count(*)::int AS n FROM seat_holds
                  WHERE status = 'active' GROUP BY 1, 2) h
        ON h.offering_id = l.offering_id AND h.starts_at = l.starts_at
     WHERE coalesce(l.held, 0) <> coalesce(h.n, 0)`,
  'an offered waitlist entry has exactly one standing offer, others none': sql`
    SELECT e.id, e.status, count(h.id)::int AS offers FROM waitlist_entries e
      LEFT JOIN seat_holds h ON h.entry_id = e.id AND h.status = 'active'
     GROUP BY e.id, e.status
    HAVING count(h.id) <> CASE WHEN e.status = 'offered' THEN 1 ELSE 0 END`,
  'every accepted offer is a booking of its seat': sql`
    SELECT h.id FROM seat_holds h LEFT JOIN bookings b ON b.id = h.booking_id
     WHERE h.status = 'accepted' AND (b.id IS NULL OR b.offering_id <> h.offering_id OR b.starts_at <> h.starts_at)`,
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
  'every ticket has a history ending in its status': sql`
    SELECT t.number, t.status, last.to_status
      FROM tickets t
      LEFT JOIN LATERAL (SELECT to_status FROM ticket_history h WHERE h.ticket_id = t.id ORDER BY h.id DESC LIMIT 1) last ON true
     WHERE last.to_status IS DISTINCT FROM t.status`,
  'only legal transitions in the ticket history': sql`
    SELECT h.ticket_id, h.event, h.from_status, h.to_status FROM ticket_history h
     WHERE (h.event, coalesce(h.from_status, '-'), h.to_status) NOT IN (${LEGAL_TICKET_STEPS})`,
  'no counter holds two tickets at once': sql`
    SELECT counter_id, count(*)::int AS n FROM tickets
     WHERE status IN ('called', 'serving') GROUP BY counter_id HAVING count(*) > 1`,
  'one check-in ticket per booking': sql`
    SELECT booking_id, count(*)::int AS n FROM tickets
     WHERE booking_id IS NOT NULL AND transferred_from IS NULL GROUP BY booking_id HAVING count(*) > 1`,
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
