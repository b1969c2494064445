import { and, eq, gt, inArray, lte, ne, or } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { signInThrottle, staff, staffCentres, staffSessions } from '../../db/schema-staff';
import type { ThrottleState } from './rules';

export type StaffRow = typeof staff.$inferSelect;

export async function findStaffByEmail(db: Queryable, email: string) {
  const [row] = await db.select().from(staff).where(eq(staff.email, email));
  return row;
}

export async function listCentreIds(db: Queryable, staffId: string) {
  const rows = await db
    .select({ centreId: staffCentres.centreId })
    .from(staffCentres)
    .where(eq(staffCentres.staffId, staffId));
  return rows.map((r) => r.centreId).sort();
}

export async function insertSession(tx: Queryable, values: typeof staffSessions.$inferInsert) {
  await tx.insert(staffSessions).values(values);
}

export async function findSession(db: Queryable, tokenHash: string) {
  const [row] = await db
    .select({ session: staffSessions, staff })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(eq(staffSessions.tokenHash, tokenHash));
  return row;
}

export async function touchSession(db: Queryable, id: string, at: Date) {
  await db.update(staffSessions).set({ lastSeenAt: at }).where(eq(staffSessions.id, id));
}

export async function deleteSessionByHash(db: Queryable, tokenHash: string) {
  await db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Queryable, id: string) {
  await db.delete(staffSessions).where(eq(staffSessions.id, id));
}

/** Ends every session of a staff member (disabled, or role or centres changed), but `keep`. */
export async function deleteSessionsOf(db: Queryable, staffId: string, keep?: string) {
  await db
    .delete(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), keep ? ne(staffSessions.id, keep) : undefined));
}

/** Sessions past their absolute end or idle since `idleSince` (the same limits as rules.ts). */
export async function deleteDeadSessions(db: Queryable, now: Date, idleSince: Date) {
  const rows = await db
    .delete(staffSessions)
    .where(or(lte(staffSessions.expiresAt, now), lte(staffSessions.lastSeenAt, idleSince)))
    .returning({ id: staffSessions.id });
  return rows.length;
}

/** The latest lock among the keys, if any is locked now. */
export async function findLock(db: Queryable, keys: string[], now: Date) {
  const rows = await db
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(and(inArray(signInThrottle.key, keys), gt(signInThrottle.lockedUntil, now)));
  return rows.reduce<Date | null>(
    (latest, r) => (r.lockedUntil && (!latest || r.lockedUntil > latest) ? r.lockedUntil : latest),
    null,
  );
}

export async function findThrottle(tx: Queryable, key: string) {
  const [row] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).for('update');
  return row;
}

export async function saveThrottle(tx: Queryable, key: string, state: ThrottleState) {
  await tx
    .insert(signInThrottle)
    .values({ key, ...state })
    .onConflictDoUpdate({ target: signInThrottle.key, set: state });
}

export async function clearThrottle(tx: Queryable, key: string) {
  await tx.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
