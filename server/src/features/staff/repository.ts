import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { centres } from '../../db/schema';
import { staff, staffCentres } from '../../db/schema-staff';

export type StaffRow = typeof staff.$inferSelect;

export async function listStaff(db: Queryable) {
  const rows = await db.select().from(staff).orderBy(asc(staff.email));
  const links = await db.select().from(staffCentres);
  return rows.map((r) => ({
    row: r,
    centreIds: links
      .filter((l) => l.staffId === r.id)
      .map((l) => l.centreId)
      .sort(),
  }));
}

export async function findStaff(db: Queryable, id: string) {
  const [row] = await db.select().from(staff).where(eq(staff.id, id));
  if (!row) return undefined;
  const links = await db.select().from(staffCentres).where(eq(staffCentres.staffId, id));
  return { row, centreIds: links.map((l) => l.centreId).sort() };
}

export async function insertStaff(tx: Queryable, values: typeof staff.$inferInsert) {
  const [row] = await tx
    .insert(staff)
    .values(values)
    .onConflictDoNothing({ target: staff.email })
    .returning();
  return row;
}

export async function updateStaff(tx: Queryable, id: string, set: Partial<typeof staff.$inferInsert>) {
  const [row] = await tx.update(staff).set(set).where(eq(staff.id, id)).returning();
  return row;
}

/** Locks the active administrators' rows (one change to them at a time) and returns their ids. */
export async function lockActiveAdministrators(tx: Queryable) {
  const rows = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.role, 'administrator'), eq(staff.active, true)))
    .for('update');
  return rows.map((r) => r.id);
}

export async function setCentres(tx: Queryable, staffId: string, centreIds: string[]) {
  await tx.delete(staffCentres).where(eq(staffCentres.staffId, staffId));
  if (centreIds.length)
    await tx.insert(staffCentres).values(centreIds.map((centreId) => ({ staffId, centreId })));
}

export async function countCentres(db: Queryable, ids: string[]) {
  if (ids.length === 0) return 0;
  return (await db.select({ id: centres.id }).from(centres).where(inArray(centres.id, ids))).length;
}
