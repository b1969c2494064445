import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { type Queryable, queryRows, runStatement, type Statement } from '../../db/client';
import { bookingHistory, bookings, bookingTokens, customers, personHolds, slotLoads } from '../../db/schema';
import type { AnswerKey } from '../idempotency/service';
import { type Notices, noticesCtes, noticesValues } from './notices-repository';

export type BookingRow = typeof bookings.$inferSelect;

/** The person's row by CPR hash, created or refreshed with the contact they just gave. */
export async function upsertCustomer(tx: Queryable, values: typeof customers.$inferInsert) {
  const [row] = await tx
    .insert(customers)
    .values(values)
    .onConflictDoUpdate({
      target: customers.cprHash,
      set: {
        name: values.name,
        mobile: values.mobile,
        email: values.email ?? null,
        language: values.language,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: customers.id });
  if (!row) throw new Error('customer upsert returned nothing');
  return row.id;
}

export async function findCustomer(db: Queryable, id: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  return row;
}

/**
 * Takes one seat of a slot, or nothing when it is full: the row appears with the first seat,
 * and later seats pass only while booked < capacity — one statement, so races cannot overfill.
 */
export async function takeSeat(tx: Queryable, offeringId: string, startsAt: Date, capacity: number) {
  const rows = await tx
    .insert(slotLoads)
    .values({ offeringId, startsAt, capacity, booked: 1 })
    .onConflictDoUpdate({
      target: [slotLoads.offeringId, slotLoads.startsAt],
      set: { booked: sql`${slotLoads.booked} + 1` },
      // Both: a row's capacity may hold seats kept for bookings an admin change stranded; a seat
      // freed there is not sold again beyond what the schedule gives the slot now.
      // Held seats (a waitlist offer, a delayed release) count as taken.
      setWhere: sql`${slotLoads.booked} + ${slotLoads.held} < ${slotLoads.capacity} AND ${slotLoads.booked} + ${slotLoads.held} < ${capacity}`,
    })
    .returning({ booked: slotLoads.booked });
  return rows.length > 0;
}

const SLOT_IS_FULL: Statement = {
  name: 'bookings_slot_is_full',
  text: `SELECT EXISTS (
    SELECT 1 FROM slot_loads WHERE offering_id = $1 AND starts_at = $2::timestamptz AND booked + held >= capacity
  ) AS full`,
};

/**
 * Whether the slot's seats are all taken or held now, read outside any transaction: the fast
 * refusal of a release burst, where most requests find their slot full. It says full only when
 * takeSeat's own guard (booked + held < the row's capacity) would refuse at this moment; a seat
 * it misses is still taken by takeSeat's guarded upsert, which stays the only way in.
 */
export async function isSlotFull(db: Queryable, offeringId: string, startsAt: Date) {
  const [row] = await runStatement<{ full: boolean }>(db, SLOT_IS_FULL, [offeringId, startsAt.toISOString()]);
  return row?.full === true;
}

export async function releaseSeat(tx: Queryable, offeringId: string, startsAt: Date) {
  await tx
    .update(slotLoads)
    .set({ booked: sql`${slotLoads.booked} - 1` })
    .where(
      and(
        eq(slotLoads.offeringId, offeringId),
        eq(slotLoads.startsAt, startsAt),
        sql`${slotLoads.booked} > 0`,
      ),
    );
}

/**
 * upsertCustomer and the person's limit in one statement: the person's row by CPR hash, created
 * or refreshed, and one more active booking for them and the service (a guarded upsert of
 * person_holds) unless that passes the limit.
 * The customer's id, and whether the hold was taken (at the limit the caller throws, rolling
 * the upsert back).
 */
export async function upsertCustomerWithHold(
  tx: Queryable,
  values: typeof customers.$inferInsert,
  hold: { serviceId: string; limit: number },
) {
  const [row] = await queryRows<{ customer_id: string; held: boolean }>(
    tx,
    sql`WITH c AS (
      INSERT INTO customers (cpr_hash, cpr_cipher, name, mobile, email, language)
      VALUES (${values.cprHash}, ${values.cprCipher}, ${values.name}, ${values.mobile}, ${values.email ?? null},
        ${values.language})
      ON CONFLICT (cpr_hash) DO UPDATE SET name = EXCLUDED.name, mobile = EXCLUDED.mobile,
        email = EXCLUDED.email, language = EXCLUDED.language, updated_at = now()
      RETURNING id
    ), h AS (
      INSERT INTO person_holds (customer_id, service_id, active)
      SELECT id, ${hold.serviceId}, 1 FROM c
      ON CONFLICT (customer_id, service_id) DO UPDATE SET active = person_holds.active + 1
        WHERE person_holds.active < ${hold.limit}
      RETURNING customer_id
    )
    SELECT c.id AS customer_id, EXISTS (SELECT 1 FROM h) AS held FROM c`,
  );
  if (!row) throw new Error('customer upsert returned nothing');
  return { customerId: row.customer_id, held: row.held };
}

const BOOK_FOR_PERSON: Statement = {
  name: 'bookings_book_for_person',
  text: `WITH v AS (
    SELECT 1 WHERE $35::bigint IS NULL OR $35::bigint = (SELECT version FROM catalogue_version WHERE id = 1)
  ), c AS (
    INSERT INTO customers (cpr_hash, cpr_cipher, name, mobile, email, language)
    SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text FROM v
    ON CONFLICT (cpr_hash) DO UPDATE SET name = EXCLUDED.name, mobile = EXCLUDED.mobile,
      email = EXCLUDED.email, language = EXCLUDED.language, updated_at = now()
    RETURNING id
  ), h AS (
    INSERT INTO person_holds (customer_id, service_id, active)
    SELECT id, $7, 1 FROM c
    ON CONFLICT (customer_id, service_id) DO UPDATE SET active = person_holds.active + 1
      WHERE person_holds.active < $8
    RETURNING customer_id
  ), s AS (
    INSERT INTO slot_loads (offering_id, starts_at, capacity, booked)
    SELECT $9, $10::timestamptz, $11, 1 FROM h
    ON CONFLICT (offering_id, starts_at) DO UPDATE SET booked = slot_loads.booked + 1
      WHERE slot_loads.booked + slot_loads.held < slot_loads.capacity
        AND slot_loads.booked + slot_loads.held < $11
    RETURNING booked
  ), b AS (
    INSERT INTO bookings (id, reference, centre_id, service_id, offering_id, customer_id, status,
      starts_at, ends_at, channel, contact_name, contact_mobile, contact_email, language)
    SELECT $12, $13, $14, $7, $9, c.id, $15, $10::timestamptz, $16::timestamptz, $17, $3, $4, $5, $6
    FROM c WHERE EXISTS (SELECT 1 FROM s)
    ON CONFLICT (reference) DO NOTHING
    RETURNING id, created_at, updated_at
  ), token AS (
    INSERT INTO booking_tokens (booking_id, token_hash, source) SELECT id, $18, 'booking' FROM b
  ), history AS (
    INSERT INTO booking_history (booking_id, event, from_status, to_status, starts_at, actor, at)
    SELECT id, 'book', NULL, $15, $10::timestamptz, $19, $20::timestamptz FROM b
  ), ${noticesCtes(21, 'EXISTS (SELECT 1 FROM b)')},
  k AS (
    UPDATE idempotency_keys SET response_status = $31::int, response_body = $32::jsonb
    WHERE scope = $33::text AND key = $34::text AND EXISTS (SELECT 1 FROM b)
    RETURNING 1
  )
  SELECT EXISTS (SELECT 1 FROM v) AS current, c.id AS customer_id, EXISTS (SELECT 1 FROM k) AS kept,
    EXISTS (SELECT 1 FROM h) AS held, EXISTS (SELECT 1 FROM s) AS seated, b.created_at, b.updated_at,
    (SELECT coalesce(json_agg(n.starts_at), '[]'::json) FROM bookings n
      WHERE n.customer_id = c.id AND n.status = 'no_show' AND n.starts_at >= $21::timestamptz) AS no_shows
  FROM (SELECT 1) AS one LEFT JOIN c ON true LEFT JOIN b ON true`,
};

/**
 * A booking's writes in one round trip (decision 0022): the person's row by CPR hash, their
 * guarded hold, the guarded seat, and the booking with its token and 'book' history row. Each
 * step runs only if the one before it did (the hold from the customer, the seat from the hold,
 * the booking from the seat), with the same guards as upsertCustomerWithHold and takeSeat.
 * `held` false: the person is at their limit; `seated` false: the slot is full; either way the
 * caller throws and the transaction rolls the rest back. `booking` is undefined when the seat was
 * taken but the reference was drawn already: insert it again with another reference.
 * `noShowsSince`: the person's no-show starts since then come back in `noShows`, as
 * listNoShowStarts reads them (none when null: the no-show limit is not enforced).
 * `notices`: the booking's webhook event, messages and reminders, written only with the booking
 * (see noticesCtes); when the booking is not inserted, nothing of them is.
 * `answer`: the request's answer, stored under its Idempotency-Key (claimed earlier in the same
 * transaction) only with the booking, as idempotency.run would store it next; `kept` says it was.
 * `catalogueVersion`: the version (migration 0016) the slot, capacity and limit were read at, when
 * they come from the catalogue's recent answer: if the catalogue has changed since, the statement
 * writes nothing and answers `current` false (read them again, under the lock, and book again).
 * Null when they were read in this transaction under the schedule lock.
 */
export async function bookForPerson(
  tx: Queryable,
  customer: typeof customers.$inferInsert,
  hold: { limit: number },
  seat: { capacity: number },
  values: Omit<NewBooking, 'customerId'>,
  extra: { tokenHash: string; actor: string; at: Date },
  noShowsSince: Date | null,
  notices: Notices,
  answer: { key: AnswerKey; status: number; body: unknown } | null,
  catalogueVersion: string | null,
) {
  const v = values;
  const [row] = await runStatement<{
    current: boolean;
    customer_id: string | null;
    kept: boolean;
    held: boolean;
    seated: boolean;
    created_at: Date | string | null;
    updated_at: Date | string | null;
    no_shows: string[];
  }>(tx, BOOK_FOR_PERSON, [
    customer.cprHash,
    customer.cprCipher,
    customer.name,
    customer.mobile,
    customer.email ?? null,
    customer.language,
    v.serviceId,
    hold.limit,
    v.offeringId,
    v.startsAt.toISOString(),
    seat.capacity,
    v.id,
    v.reference,
    v.centreId,
    v.status,
    v.endsAt.toISOString(),
    v.channel,
    extra.tokenHash,
    extra.actor,
    extra.at.toISOString(),
    noShowsSince?.toISOString() ?? null,
    ...noticesValues(notices),
    answer?.status ?? null,
    answer ? JSON.stringify(answer.body) : null,
    answer?.key.scope ?? null,
    answer?.key.key ?? null,
    catalogueVersion,
  ]);
  if (!row) throw new Error('the booking statement returned no row');
  if (!row.current || !row.customer_id) return { current: false } as const;
  const booking: BookingRow | undefined =
    row.created_at && row.updated_at
      ? {
          ...v,
          customerId: row.customer_id,
          cancelReason: null,
          createdAt: new Date(row.created_at),
          updatedAt: new Date(row.updated_at),
        }
      : undefined;
  const noShows = row.no_shows.map((at) => new Date(at));
  return {
    current: true,
    customerId: row.customer_id,
    held: row.held,
    seated: row.seated,
    booking,
    noShows,
    kept: row.kept,
  };
}

export async function releasePersonHold(tx: Queryable, customerId: string, serviceId: string) {
  await tx
    .update(personHolds)
    .set({ active: sql`${personHolds.active} - 1` })
    .where(
      and(
        eq(personHolds.customerId, customerId),
        eq(personHolds.serviceId, serviceId),
        sql`${personHolds.active} > 0`,
      ),
    );
}

export type NewBooking = Omit<BookingRow, 'cancelReason' | 'createdAt' | 'updatedAt'>;

/**
 * Inserts a confirmed booking with its first manage token and its 'book' history row in one
 * statement (one round trip instead of three); nothing at all when its reference is taken (then
 * the caller draws another), since the token and history rows are made from the inserted row.
 */
export async function insertBookingWithTokenAndHistory(
  tx: Queryable,
  values: NewBooking,
  extra: { tokenHash: string; actor: string; at: Date },
): Promise<BookingRow | undefined> {
  const v = values;
  const startsAt = v.startsAt.toISOString();
  const [row] = await queryRows<{ created_at: Date | string; updated_at: Date | string }>(
    tx,
    sql`WITH b AS (
      INSERT INTO bookings (id, reference, centre_id, service_id, offering_id, customer_id, status,
        starts_at, ends_at, channel, contact_name, contact_mobile, contact_email, language)
      VALUES (${v.id}, ${v.reference}, ${v.centreId}, ${v.serviceId}, ${v.offeringId}, ${v.customerId},
        ${v.status}, ${startsAt}::timestamptz, ${v.endsAt.toISOString()}::timestamptz, ${v.channel},
        ${v.contactName}, ${v.contactMobile}, ${v.contactEmail}, ${v.language})
      ON CONFLICT (reference) DO NOTHING
      RETURNING id, created_at, updated_at
    ), token AS (
      INSERT INTO booking_tokens (booking_id, token_hash, source) SELECT id, ${extra.tokenHash}, 'booking' FROM b
    ), history AS (
      INSERT INTO booking_history (booking_id, event, from_status, to_status, starts_at, actor, at)
      SELECT id, 'book', NULL, ${v.status}, ${startsAt}::timestamptz, ${extra.actor}, ${extra.at.toISOString()}::timestamptz
      FROM b
    )
    SELECT created_at, updated_at FROM b`,
  );
  if (!row) return undefined;
  return {
    ...v,
    cancelReason: null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export async function findBookingByReference(
  db: Queryable,
  reference: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = db.select().from(bookings).where(eq(bookings.reference, reference));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findBookingByToken(db: Queryable, reference: string, tokenHash: string) {
  const [row] = await db
    .select({ booking: bookings })
    .from(bookingTokens)
    .innerJoin(bookings, eq(bookings.id, bookingTokens.bookingId))
    .where(and(eq(bookingTokens.tokenHash, tokenHash), eq(bookings.reference, reference)));
  return row?.booking;
}

export async function insertToken(tx: Queryable, values: typeof bookingTokens.$inferInsert) {
  await tx.insert(bookingTokens).values(values);
}

export async function updateBooking(tx: Queryable, id: string, set: Partial<typeof bookings.$inferInsert>) {
  const [row] = await tx
    .update(bookings)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(bookings.id, id))
    .returning();
  if (!row) throw new Error('booking vanished inside its transaction');
  return row;
}

export async function appendHistory(tx: Queryable, values: typeof bookingHistory.$inferInsert) {
  await tx.insert(bookingHistory).values(values);
}

export async function listHistory(db: Queryable, bookingId: string) {
  return db
    .select()
    .from(bookingHistory)
    .where(eq(bookingHistory.bookingId, bookingId))
    .orderBy(bookingHistory.id);
}

export async function findBookingById(db: Queryable, id: string) {
  const [row] = await db.select().from(bookings).where(eq(bookings.id, id));
  return row;
}

export async function findCustomerByHash(db: Queryable, cprHash: string) {
  const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.cprHash, cprHash));
  return row;
}

/** A centre's bookings between two instants, by customer or of any status given; by start. */
export async function listBookingsAt(
  db: Queryable,
  filter: {
    centreId: string;
    from: Date;
    to: Date;
    customerId?: string;
    statuses: BookingRow['status'][];
  },
) {
  return db
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.centreId, filter.centreId),
        gte(bookings.startsAt, filter.from),
        lt(bookings.startsAt, filter.to),
        inArray(bookings.status, filter.statuses),
        filter.customerId ? eq(bookings.customerId, filter.customerId) : undefined,
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
}

export async function lockBooking(tx: Queryable, id: string) {
  const [row] = await tx.select().from(bookings).where(eq(bookings.id, id)).for('update');
  return row;
}

/** The starts of a person's missed appointments since `since` (the no-show policy counts them). */
export async function listNoShowStarts(db: Queryable, customerId: string, since: Date) {
  const rows = await db
    .select({ startsAt: bookings.startsAt })
    .from(bookings)
    .where(
      and(eq(bookings.customerId, customerId), eq(bookings.status, 'no_show'), gte(bookings.startsAt, since)),
    );
  return rows.map((r) => r.startsAt);
}
