import { createHash } from 'node:crypto';
import { GOVERNMENT_HOURS } from '@mawaeed/core/country/bahrain';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client';

/**
 * A past of many centres written with INSERT … SELECT generate_series: about a million tickets
 * a minute on PostgreSQL, where row inserts from Node manage a few thousand a second. The demo
 * generator (features/demo/history.ts) stays the one for realistic small histories; this one is
 * for volume: `npm run bench:dashboard` and the EXPLAIN proofs (*.pg.test.ts).
 *
 * Shape, per centre (Asia/Bahrain, government hours, Sunday to Thursday) and working day:
 * `services` services × `counters` counters; per service a number of bookings on 15-minute slots
 * from 07:00 (7 % cancelled, 8 % no-shows, the rest served through a ticket) and a quarter as
 * many walk-ins, every ticket served by a counter of the centre; one counter session per counter
 * and day; feedback (with its invitation) for a tenth of the tickets; `slot_loads` holding the
 * bookings' seats. Waits are exponential (mean 8 minutes), service times 4–14 minutes, all at
 * millisecond precision like the app's own clock. The draws are not seeded (the pool may run each
 * statement on another connection): counts vary by a fraction of a percent from run to run.
 */
export type BulkHistoryOptions = {
  /** About how many tickets in all. */
  tickets: number;
  /** Local days of history, ending the day before `today`. */
  days: number;
  centres: number;
  services?: number;
  counters?: number;
  /** The centres' local date the history ends before (YYYY-MM-DD). */
  today: string;
  /** Hears each statement's time. */
  log?: (line: string) => void;
};

export type BulkHistory = {
  centreIds: string[];
  serviceIds: string[];
  counterIds: string[];
  /** The first and last local date of the history. */
  from: string;
  to: string;
  tickets: number;
  bookings: number;
};

const LETTERS = 'PRNCTVMDHL';
/** Ids derived from names, so every step can compute them without a join. */
const idOf = (kind: string, expr: string) => `bulk_uuid('bulk-${kind}-' || ${expr})`;

/** bulk_uuid() below, in Node. */
function uuidFromMd5(text: string) {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

export async function generateBulkHistory(db: Db, options: BulkHistoryOptions): Promise<BulkHistory> {
  const services = options.services ?? 5;
  const counters = options.counters ?? 8;
  const { centres, days } = options;
  // Working days are 5 in 7; tickets per booking ≈ 0.85 served + 0.25 walk-ins.
  const workingDays = Math.max(1, Math.round((days * 5) / 7));
  const perOfferingDay = Math.max(1, Math.round(options.tickets / (centres * services * workingDays * 1.1)));
  const walkIns = Math.max(1, Math.round(perOfferingDay / 4));
  const run = async (text: string) => {
    const started = performance.now();
    await db.execute(sql.raw(text));
    options.log?.(
      `${text.trim().split('\n')[0]?.slice(0, 60)}: ${Math.round(performance.now() - started)} ms`,
    );
  };

  // md5 as a version-4 UUID (API validation wants one). A plain function and table, not temporary
  // ones: the pool may run each statement on another connection.
  await run(`CREATE OR REPLACE FUNCTION bulk_uuid(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
    $$ SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18))::uuid FROM md5($1) h $$`);
  await run(`INSERT INTO centres (id, code, name, address, phone, lat, lng, time_zone, weekly_hours)
    SELECT ${idOf('centre', 'i')}, 'bulk-' || lpad(i::text, 3, '0'),
      jsonb_build_object('en', 'Centre ' || i, 'ar', 'المركز ' || i),
      jsonb_build_object('en', 'Road ' || i, 'ar', 'طريق ' || i),
      '+973 1700 0000', 26.1, 50.5, 'Asia/Bahrain', '${JSON.stringify(GOVERNMENT_HOURS)}'::jsonb
    FROM generate_series(1, ${centres}) i`);
  await run(`INSERT INTO services (id, code, letter, name, description, duration_minutes, documents, walk_ins, sort_order)
    SELECT ${idOf('service', 'j')}, 'bulk-' || j, substr('${LETTERS}', j, 1),
      jsonb_build_object('en', 'Service ' || j, 'ar', 'الخدمة ' || j),
      jsonb_build_object('en', 'A service', 'ar', 'خدمة'), 15,
      jsonb_build_object('en', jsonb_build_array(), 'ar', jsonb_build_array()), true, j
    FROM generate_series(1, ${services}) j`);
  await run(`INSERT INTO offerings (id, centre_id, service_id, slot_minutes, capacity)
    SELECT ${idOf('offering', "i || '-' || j")}, ${idOf('centre', 'i')}, ${idOf('service', 'j')}, 15, ${Math.ceil(perOfferingDay / 28) + 1}
    FROM generate_series(1, ${centres}) i, generate_series(1, ${services}) j`);
  await run(`INSERT INTO counters (id, centre_id, number, name)
    SELECT ${idOf('counter', "i || '-' || k")}, ${idOf('centre', 'i')}, k,
      jsonb_build_object('en', 'Counter ' || k, 'ar', 'الشباك ' || k)
    FROM generate_series(1, ${centres}) i, generate_series(1, ${counters}) k`);
  await run(`INSERT INTO staff (id, email, name, role, password_hash)
    VALUES (${idOf('staff', "'1'")}, 'bulk-agent@bench.mawaeed.bh', 'Bulk agent', 'counter_agent', 'none')`);
  await run(`INSERT INTO customers (id, cpr_hash, cpr_cipher, name, mobile, language)
    SELECT ${idOf('customer', 'p')}, 'bulk-' || p, 'none', 'Visitor ' || p, '+97336000000', 'en'
    FROM generate_series(1, 1000) p`);
  // The working days, as local dates and their midnights in the centre's zone.
  await run(`CREATE TABLE bulk_days AS
    SELECT d::date AS day, row_number() OVER (ORDER BY d) AS n,
      (d::date)::timestamp AT TIME ZONE 'Asia/Bahrain' AS midnight
    FROM generate_series('${options.today}'::date - ${days}, '${options.today}'::date - 1, interval '1 day') d
    WHERE extract(isodow FROM d) NOT IN (5, 6)`);
  // Each offering with its centre's number and counters: the bulk statements join this small
  // table rather than compute an id per row.
  await run(`CREATE TABLE bulk_offerings AS
    SELECT i, j, ${idOf('centre', 'i')} AS centre_id, ${idOf('service', 'j')} AS service_id,
      ${idOf('offering', "i || '-' || j")} AS offering_id, substr('${LETTERS}', j, 1) AS letter,
      (SELECT array_agg(${idOf('counter', "i || '-' || k")} ORDER BY k) FROM generate_series(1, ${counters}) k) AS counter_ids,
      (SELECT array_agg(id ORDER BY id) FROM customers) AS customer_ids
    FROM generate_series(1, ${centres}) i, generate_series(1, ${services}) j`);
  await run(`INSERT INTO bookings (reference, centre_id, service_id, offering_id, customer_id, status,
      starts_at, ends_at, channel, contact_name, contact_mobile, language, created_at, updated_at)
    SELECT 'BK' || d.n || 'C' || o.i || 'S' || o.j || 'N' || k, o.centre_id, o.service_id, o.offering_id,
      o.customer_ids[1 + (k * 7 + o.i * 13 + d.n) % 1000],
      CASE WHEN r < 0.07 THEN 'cancelled' WHEN r < 0.15 THEN 'no_show' ELSE 'served' END,
      d.midnight + interval '7 hours' + ((k - 1) % 28) * interval '15 minutes',
      d.midnight + interval '7 hours 15 minutes' + ((k - 1) % 28) * interval '15 minutes',
      'web', 'Visitor', '+97336000000', 'en', d.midnight - interval '3 days', d.midnight
    FROM bulk_days d, bulk_offerings o, generate_series(1, ${perOfferingDay}) k,
      -- One draw per booking: the outer columns keep PostgreSQL from drawing once per k.
      LATERAL (SELECT random() + 0 * k + 0 * d.n + 0 * o.i AS r) rr`);
  // Tickets: the served bookings' check-ins and the walk-ins, numbered per centre, service and day.
  await run(`INSERT INTO tickets (centre_id, service_id, day, letter, sequence, number, booking_id, customer_id,
      kind, status, appointment_at, issued_at, queued_at, called_at, started_at, finished_at, counter_id)
    SELECT centre_id, service_id, day, letter, seq, letter || '-' || lpad(seq::text, 3, '0'),
      booking_id, customer_id, kind, 'served', appointment_at, queued_at, queued_at, called_at,
      called_at + interval '20 seconds', called_at + interval '20 seconds' + service, counter_id
    FROM (
      SELECT *, row_number() OVER (PARTITION BY centre_id, service_id, day ORDER BY queued_at) AS seq
      FROM (
        SELECT b.centre_id, b.service_id, (b.starts_at AT TIME ZONE 'Asia/Bahrain')::date AS day, o.letter,
          b.id AS booking_id, b.customer_id, 'appointment' AS kind, b.starts_at AS appointment_at,
          b.starts_at + early AS queued_at,
          date_trunc('milliseconds', greatest(b.starts_at, b.starts_at + early)
            + (-ln(1 - random()) * 8) * interval '1 minute') AS called_at,
          date_trunc('milliseconds', (4 + random() * 10) * interval '1 minute') AS service,
          o.counter_ids[1 + floor(random() * ${counters})::int] AS counter_id
        FROM bookings b JOIN bulk_offerings o ON o.offering_id = b.offering_id,
          LATERAL (SELECT date_trunc('milliseconds', (random() * 25 - 20 + 0 * extract(epoch FROM b.starts_at)::float8) * interval '1 minute') AS early) e
        WHERE b.status = 'served'
        UNION ALL
        SELECT o.centre_id, o.service_id, d.day, o.letter, NULL, NULL, 'walk_in', NULL, q,
          date_trunc('milliseconds', q + (-ln(1 - random()) * 8) * interval '1 minute'),
          date_trunc('milliseconds', (4 + random() * 10) * interval '1 minute'),
          o.counter_ids[1 + floor(random() * ${counters})::int]
        FROM bulk_days d, bulk_offerings o, generate_series(1, ${walkIns}) k,
          LATERAL (SELECT date_trunc('milliseconds', d.midnight + interval '7 hours' + (random() * 400 + 0 * k) * interval '1 minute') AS q) w
      ) v
    ) numbered`);
  // Tickets are served, so their bookings were checked in: the statuses already say served.
  await run(`INSERT INTO counter_sessions (counter_id, centre_id, staff_id, opened_at, closed_at)
    SELECT counter_id, o.centre_id, ${idOf('staff', "'1'")},
      d.midnight + interval '6 hours 55 minutes', d.midnight + interval '14 hours 20 minutes'
    FROM bulk_days d, (SELECT DISTINCT centre_id, unnest(counter_ids) AS counter_id FROM bulk_offerings) o`);
  await run(`INSERT INTO feedback_invitations (token_hash, ticket_id, centre_id, service_id, counter_id, language,
      visited_at, expires_at)
    SELECT 'bulk-' || t.id, t.id, t.centre_id, t.service_id, t.counter_id, 'en', t.finished_at,
      t.finished_at + interval '7 days'
    FROM tickets t WHERE t.sequence % 10 = 3`);
  await run(`INSERT INTO feedback (invitation_id, centre_id, service_id, counter_id, performance, organisation, quality,
      language, visited_at, created_at)
    SELECT fi.id, fi.centre_id, fi.service_id, fi.counter_id,
      1 + floor(random() * 5)::int, 2 + floor(random() * 4)::int, 3 + floor(random() * 3)::int,
      'en', fi.visited_at, fi.visited_at + interval '1 hour'
    FROM feedback_invitations fi`);
  await run(`INSERT INTO slot_loads (offering_id, starts_at, capacity, booked)
    SELECT offering_id, starts_at, ${Math.ceil(perOfferingDay / 28) + 1}, count(*)
    FROM bookings WHERE status <> 'cancelled' AND reference LIKE 'BK%' GROUP BY offering_id, starts_at`);
  await run('DROP TABLE bulk_offerings');
  await run('DROP TABLE bulk_days');
  await run('DROP FUNCTION bulk_uuid(text)');
  await run('ANALYZE');

  const [counts] = await queryRows<{ tickets: number; bookings: number; from: string; to: string }>(
    db,
    sql.raw(`SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM bookings)::int AS bookings,
      (SELECT to_char(min(day), 'YYYY-MM-DD') FROM tickets) AS "from",
      (SELECT to_char(max(day), 'YYYY-MM-DD') FROM tickets) AS "to"`),
  );
  const ids = (count: number, name: (n: number) => string) =>
    Array.from({ length: count }, (_, n) => uuidFromMd5(`bulk-${name(n + 1)}`));
  return {
    centreIds: ids(centres, (n) => `centre-${n}`),
    serviceIds: ids(services, (n) => `service-${n}`),
    counterIds: ids(counters, (n) => `counter-1-${n}`),
    from: counts?.from ?? options.today,
    to: counts?.to ?? options.today,
    tickets: counts?.tickets ?? 0,
    bookings: counts?.bookings ?? 0,
  };
}
