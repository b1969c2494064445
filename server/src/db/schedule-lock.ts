import { sql } from 'drizzle-orm';
import { hasOpenedWith, type Opening, type Queryable, runStatement, type Statement } from './client';
import { hashtext } from './hashtext';

/** The first key of the two-key advisory locks on centre schedules (its own key space). */
const SCHEDULE_LOCK = 7301;

/**
 * Bookings and admin changes of one centre's schedule take turns. A booking, cancel or
 * reschedule holds the centre's lock shared (they run side by side) and reads the slot after
 * taking it; an admin change that can strand bookings holds it exclusively from its first
 * statement, so it waits for bookings in flight and sees them, and bookings that arrive meanwhile
 * wait and then see the new schedule. Without it a booking that read the old schedule could
 * commit after the change, over the new capacity or on the closed day (guard.pg.test.ts).
 */
export async function lockScheduleShared(tx: Queryable, centreId: string) {
  if (hasOpenedWith(tx, scheduleSharedOpening(centreId))) return;
  await runStatement(tx, LOCK_SHARED, [centreId]);
}

/**
 * The same shared lock as a transaction's opening (sent with BEGIN in one round trip, see
 * `transactionOpenedWith`): the key computed here as hashtext computes it in SQL, so it is the
 * one lock whichever way it is taken. lockScheduleShared on such a transaction does nothing.
 */
export function scheduleSharedOpening(centreId: string): Opening {
  return { text: `SELECT pg_advisory_xact_lock_shared(${SCHEDULE_LOCK}, ${hashtext(centreId)})` };
}

/** Every booking takes it: a prepared statement (see runStatement). */
const LOCK_SHARED: Statement = {
  name: 'schedule_lock_shared',
  text: `SELECT pg_advisory_xact_lock_shared(${SCHEDULE_LOCK}, hashtext($1))`,
};

/** Shared locks on several centres' schedules (a waitlist entry spans centres), in the same order. */
export async function lockSchedulesShared(tx: Queryable, centreIds: readonly string[]) {
  for (const id of [...new Set(centreIds)].sort()) await lockScheduleShared(tx, id);
}

/** Exclusive locks on the centres' schedules, in one order everywhere so two changes never deadlock. */
export async function lockSchedules(tx: Queryable, centreIds: readonly string[]) {
  for (const id of [...new Set(centreIds)].sort()) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SCHEDULE_LOCK}, hashtext(${id}))`);
  }
}
