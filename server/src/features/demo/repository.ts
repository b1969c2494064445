import { sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client';
import { centres, closures, offerings, services, specialPeriods } from '../../db/schema';

/** Any fixed number: instances starting together on one PostgreSQL seed one after another. */
const SEED_LOCK = 7_301_973;

/** Held until the transaction ends, so the "is it empty?" check and the inserts are one step. */
export async function lockSeeding(tx: Tx) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
}

export async function hasAnyCentre(db: Queryable): Promise<boolean> {
  const rows = await db.select({ id: centres.id }).from(centres).limit(1);
  return rows.length > 0;
}

export async function insertServices(tx: Tx, rows: (typeof services.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(services).values(rows).returning({ id: services.id, code: services.code });
}

export async function insertCentres(tx: Tx, rows: (typeof centres.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(centres).values(rows).returning({ id: centres.id, code: centres.code });
}

export async function insertOfferings(tx: Tx, rows: (typeof offerings.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(offerings).values(rows).returning({ id: offerings.id });
}

/** A date that already has a holiday or closure keeps it: what staff entered wins. */
export async function insertClosures(tx: Tx, rows: (typeof closures.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(closures).values(rows).onConflictDoNothing().returning({ id: closures.id });
}

export async function insertSpecialPeriods(tx: Tx, rows: (typeof specialPeriods.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(specialPeriods).values(rows).returning({ id: specialPeriods.id });
}
