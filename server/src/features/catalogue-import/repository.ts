import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { bookings, centres, offerings, services } from '../../db/schema';

export async function findServicesByCode(db: Queryable, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .select({ id: services.id, code: services.code, letter: services.letter })
    .from(services)
    .where(inArray(services.code, codes));
}

export async function findCentresByCode(db: Queryable, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select({ id: centres.id, code: centres.code }).from(centres).where(inArray(centres.code, codes));
}

export async function findOfferingPairs(db: Queryable, centreIds: string[]) {
  if (centreIds.length === 0) return [];
  return db
    .select({ centreId: offerings.centreId, serviceId: offerings.serviceId })
    .from(offerings)
    .where(inArray(offerings.centreId, centreIds));
}

export async function insertServices(tx: Queryable, rows: (typeof services.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(services).values(rows).returning({ id: services.id, code: services.code });
}

export async function insertCentres(tx: Queryable, rows: (typeof centres.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(centres).values(rows).returning({ id: centres.id, code: centres.code });
}

export async function insertOfferings(tx: Queryable, rows: (typeof offerings.$inferInsert)[]) {
  if (rows.length === 0) return;
  await tx.insert(offerings).values(rows);
}

export async function setWeeklyHours(
  tx: Queryable,
  centreId: string,
  weeklyHours: (typeof centres.$inferInsert)['weeklyHours'],
) {
  await tx.update(centres).set({ weeklyHours }).where(eq(centres.id, centreId));
}

/** Centres among these with a confirmed booking still to come. */
export async function centresWithComingBookings(db: Queryable, centreIds: string[], now: Date) {
  if (centreIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ centreId: bookings.centreId })
    .from(bookings)
    .where(
      and(
        inArray(bookings.centreId, centreIds),
        eq(bookings.status, 'confirmed'),
        gt(bookings.startsAt, now),
      ),
    );
  return rows.map((r) => r.centreId);
}
