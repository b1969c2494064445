import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import {
  bookingHistory,
  bookings,
  bookingTokens,
  customerConsents,
  customerFileAccess,
  customers,
  devInbox,
  feedback,
  followUps,
  messages,
} from '../../db/schema';
import { customerNotes, tickets } from '../../db/schema-hall';
import { staff } from '../../db/schema-staff';
import { waitlistEntries } from '../../db/schema-waitlist';

export type CustomerRow = typeof customers.$inferSelect;

/** The latest booking start or ticket issue of a person: what "last activity" means on a match. */
const lastActivity = sql<Date | null>`greatest(
  (select max(${bookings.startsAt}) from ${bookings} where ${bookings.customerId} = ${customers.id}),
  (select max(${tickets.issuedAt}) from ${tickets} where ${tickets.customerId} = ${customers.id})
)`.mapWith((v) => (v === null ? null : new Date(v)));

function selectMatches(db: Queryable) {
  return db.select({ customer: customers, lastActivityAt: lastActivity }).from(customers).$dynamic();
}

export async function findByCprHash(db: Queryable, cprHash: string) {
  return selectMatches(db).where(eq(customers.cprHash, cprHash));
}

export async function findByMobile(db: Queryable, mobile: string) {
  return selectMatches(db)
    .where(and(eq(customers.mobile, mobile), isNull(customers.anonymisedAt)))
    .limit(50);
}

export async function findByReference(db: Queryable, reference: string) {
  return selectMatches(db).where(
    inArray(
      customers.id,
      db.select({ id: bookings.customerId }).from(bookings).where(eq(bookings.reference, reference)),
    ),
  );
}

export async function findCustomer(db: Queryable, id: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  return row;
}

/** Of `ids`, those with a booking or a ticket at one of `centreIds` (a centre manager's customers). */
export async function filterReachable(db: Queryable, ids: string[], centreIds: string[]) {
  if (ids.length === 0 || centreIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        inArray(customers.id, ids),
        or(
          sql`exists (select 1 from ${bookings} where ${bookings.customerId} = ${customers.id} and ${inArray(bookings.centreId, centreIds)})`,
          sql`exists (select 1 from ${tickets} where ${tickets.customerId} = ${customers.id} and ${inArray(tickets.centreId, centreIds)})`,
        ),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export function listBookings(db: Queryable, customerId: string) {
  return db
    .select()
    .from(bookings)
    .where(eq(bookings.customerId, customerId))
    .orderBy(desc(bookings.startsAt));
}

export function listTickets(db: Queryable, customerId: string) {
  return db.select().from(tickets).where(eq(tickets.customerId, customerId)).orderBy(desc(tickets.issuedAt));
}

function bookingIdsOf(db: Queryable, customerId: string) {
  return db.select({ id: bookings.id }).from(bookings).where(eq(bookings.customerId, customerId));
}

/** Messages about the person's bookings: kind, channel and state, never the sealed content. */
export function listMessages(db: Queryable, customerId: string) {
  return db
    .select({
      id: messages.id,
      bookingId: messages.bookingId,
      kind: messages.kind,
      channel: messages.channel,
      status: messages.status,
      createdAt: messages.createdAt,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .where(inArray(messages.bookingId, bookingIdsOf(db, customerId)))
    .orderBy(desc(messages.createdAt));
}

export function listFeedback(db: Queryable, customerId: string) {
  return db
    .select()
    .from(feedback)
    .where(eq(feedback.customerId, customerId))
    .orderBy(desc(feedback.visitedAt));
}

export function listFollowUps(db: Queryable, customerId: string) {
  return db
    .select()
    .from(followUps)
    .where(eq(followUps.customerId, customerId))
    .orderBy(desc(followUps.createdAt));
}

export function listNotes(db: Queryable, customerId: string) {
  return db
    .select()
    .from(customerNotes)
    .where(eq(customerNotes.customerId, customerId))
    .orderBy(desc(customerNotes.createdAt));
}

export async function insertNote(tx: Queryable, values: typeof customerNotes.$inferInsert) {
  const [row] = await tx.insert(customerNotes).values(values).returning();
  if (!row) throw new Error('note insert returned nothing');
  return row;
}

export function listConsents(db: Queryable, customerId: string) {
  return db
    .select()
    .from(customerConsents)
    .where(eq(customerConsents.customerId, customerId))
    .orderBy(desc(customerConsents.at), desc(customerConsents.id));
}

export async function insertConsent(tx: Queryable, values: typeof customerConsents.$inferInsert) {
  await tx.insert(customerConsents).values(values);
}

export async function insertAccess(tx: Queryable, values: typeof customerFileAccess.$inferInsert) {
  await tx.insert(customerFileAccess).values(values);
}

export function listAccess(db: Queryable, customerId: string) {
  return db
    .select({
      id: customerFileAccess.id,
      staffId: customerFileAccess.staffId,
      staffName: staff.name,
      reason: customerFileAccess.reason,
      at: customerFileAccess.at,
    })
    .from(customerFileAccess)
    .leftJoin(staff, eq(staff.id, customerFileAccess.staffId))
    .where(eq(customerFileAccess.customerId, customerId))
    .orderBy(desc(customerFileAccess.at));
}

/**
 * Wipes what identifies the person and keeps the facts: the contact and CPR go (a random look-up
 * hash lets the same CPR book again as a new customer), with the contact copied onto bookings and
 * waitlist entries, the notes, feedback comments, follow-up notes, message contents and manage
 * links. Bookings, tickets, ratings and visit times stay for the statistics.
 */
export async function anonymiseCustomer(tx: Queryable, id: string, values: { cprHash: string; at: Date }) {
  const erased = { name: '', mobile: '', email: null };
  await tx
    .update(customers)
    .set({ ...erased, cprHash: values.cprHash, cprCipher: '', anonymisedAt: values.at, updatedAt: values.at })
    .where(eq(customers.id, id));
  await tx
    .update(bookings)
    .set({ contactName: '', contactMobile: '', contactEmail: null, cancelReason: null })
    .where(eq(bookings.customerId, id));
  await tx
    .update(waitlistEntries)
    .set({
      contactName: '',
      contactMobile: '',
      contactEmail: null,
      status: sql`case when ${waitlistEntries.status} = 'waiting' then 'left' else ${waitlistEntries.status} end`,
    })
    .where(eq(waitlistEntries.customerId, id));
  await tx.delete(customerNotes).where(eq(customerNotes.customerId, id));
  await tx.update(feedback).set({ comment: null }).where(eq(feedback.customerId, id));
  await tx
    .update(followUps)
    .set({ note: sql`case when ${followUps.status} = 'closed' then '' else null end` })
    .where(eq(followUps.customerId, id));
  const ids = bookingIdsOf(tx, id);
  // The history is append-only but for this: it keeps every event, not the words given with it.
  await tx.update(bookingHistory).set({ reason: null }).where(inArray(bookingHistory.bookingId, ids));
  await tx.delete(bookingTokens).where(inArray(bookingTokens.bookingId, ids));
  await tx
    .delete(devInbox)
    .where(
      inArray(
        devInbox.messageId,
        tx.select({ id: messages.id }).from(messages).where(inArray(messages.bookingId, ids)),
      ),
    );
  await tx
    .update(messages)
    .set({
      contentSealed: '',
      recipientMasked: '',
      status: sql`case when ${messages.status} = 'pending' then 'skipped' else ${messages.status} end`,
      lastError: sql`case when ${messages.status} = 'pending' then 'erased' else ${messages.lastError} end`,
    })
    .where(inArray(messages.bookingId, ids));
}

/**
 * Files with no activity since `cutoff`: not anonymised yet, the row untouched since, and no
 * booking, ticket, note or consent event newer.
 */
export async function listInactiveCustomerIds(db: Queryable, cutoff: Date, limit: number) {
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        isNull(customers.anonymisedAt),
        lt(customers.updatedAt, cutoff),
        sql`not exists (select 1 from ${bookings} where ${bookings.customerId} = ${customers.id} and (${bookings.startsAt} >= ${cutoff} or ${bookings.updatedAt} >= ${cutoff}))`,
        sql`not exists (select 1 from ${tickets} where ${tickets.customerId} = ${customers.id} and ${tickets.issuedAt} >= ${cutoff})`,
        sql`not exists (select 1 from ${customerNotes} where ${customerNotes.customerId} = ${customers.id} and ${customerNotes.createdAt} >= ${cutoff})`,
        sql`not exists (select 1 from ${customerConsents} where ${customerConsents.customerId} = ${customers.id} and ${customerConsents.at} >= ${cutoff})`,
      ),
    )
    .limit(limit);
  return rows.map((r) => r.id);
}
