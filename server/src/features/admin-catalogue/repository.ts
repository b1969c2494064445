import { and, asc, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { centres, closures, offerings, services, specialPeriods } from '../../db/schema';
import { counterServices, counters } from '../../db/schema-staff';

export type CentreRow = typeof centres.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type OfferingRow = typeof offerings.$inferSelect;
export type PeriodRow = typeof specialPeriods.$inferSelect;
export type ClosureRow = typeof closures.$inferSelect;

/** Every centre, or only those listed (a manager's). */
export async function listCentres(db: Queryable, ids: string[] | null) {
  const query = db.select().from(centres);
  if (ids) return ids.length ? query.where(inArray(centres.id, ids)).orderBy(asc(centres.code)) : [];
  return query.orderBy(asc(centres.code));
}

export async function findCentre(db: Queryable, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(centres).where(eq(centres.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertCentre(tx: Queryable, values: typeof centres.$inferInsert) {
  const [row] = await tx
    .insert(centres)
    .values(values)
    .onConflictDoNothing({ target: centres.code })
    .returning();
  return row;
}

export async function updateCentre(tx: Queryable, id: string, set: Partial<typeof centres.$inferInsert>) {
  const [row] = await tx.update(centres).set(set).where(eq(centres.id, id)).returning();
  return row;
}

export async function listServices(db: Queryable) {
  return db.select().from(services).orderBy(asc(services.sortOrder), asc(services.code));
}

export async function findService(db: Queryable, id: string) {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  return row;
}

export async function insertService(tx: Queryable, values: typeof services.$inferInsert) {
  const [row] = await tx
    .insert(services)
    .values(values)
    .onConflictDoNothing({ target: services.code })
    .returning();
  return row;
}

export async function updateService(tx: Queryable, id: string, set: Partial<typeof services.$inferInsert>) {
  const [row] = await tx.update(services).set(set).where(eq(services.id, id)).returning();
  return row;
}

export async function listOfferings(db: Queryable, centreId: string) {
  return db.select().from(offerings).where(eq(offerings.centreId, centreId));
}

export async function findOffering(db: Queryable, centreId: string, serviceId: string) {
  const [row] = await db
    .select()
    .from(offerings)
    .where(and(eq(offerings.centreId, centreId), eq(offerings.serviceId, serviceId)));
  return row;
}

export async function upsertOffering(tx: Queryable, values: typeof offerings.$inferInsert) {
  const [row] = await tx
    .insert(offerings)
    .values(values)
    .onConflictDoUpdate({
      target: [offerings.centreId, offerings.serviceId],
      set: {
        slotMinutes: values.slotMinutes,
        capacity: values.capacity,
        capacityRules: values.capacityRules,
        walkInDailyCapacity: values.walkInDailyCapacity ?? null,
        active: values.active,
      },
    })
    .returning();
  if (!row) throw new Error('offering upsert returned nothing');
  return row;
}

export async function listPeriods(db: Queryable, centreIds: string[] | null, from: string) {
  return db
    .select()
    .from(specialPeriods)
    .where(
      and(
        gte(specialPeriods.endsOn, from),
        centreIds ? inArray(specialPeriods.centreId, centreIds) : undefined,
      ),
    )
    .orderBy(asc(specialPeriods.startsOn));
}

export async function findPeriod(db: Queryable, id: string) {
  const [row] = await db.select().from(specialPeriods).where(eq(specialPeriods.id, id));
  return row;
}

export async function insertPeriods(tx: Queryable, rows: (typeof specialPeriods.$inferInsert)[]) {
  return rows.length ? tx.insert(specialPeriods).values(rows).returning() : [];
}

export async function deletePeriod(tx: Queryable, id: string) {
  await tx.delete(specialPeriods).where(eq(specialPeriods.id, id));
}

/** National closures and, for a manager, those of their centres; from a date on. */
export async function listClosures(db: Queryable, centreIds: string[] | null, from: string) {
  return db
    .select()
    .from(closures)
    .where(
      and(
        gte(closures.date, from),
        centreIds ? or(isNull(closures.centreId), inArray(closures.centreId, centreIds)) : undefined,
      ),
    )
    .orderBy(asc(closures.date));
}

export async function findClosure(db: Queryable, id: string) {
  const [row] = await db.select().from(closures).where(eq(closures.id, id));
  return row;
}

/** Inserts closures; null when one of their dates is already taken (nothing is written then). */
export async function insertClosures(tx: Queryable, rows: (typeof closures.$inferInsert)[]) {
  const inserted = await tx.insert(closures).values(rows).onConflictDoNothing().returning();
  return inserted.length === rows.length ? inserted : null;
}

export async function deleteClosure(tx: Queryable, id: string) {
  await tx.delete(closures).where(eq(closures.id, id));
}

export async function listCountersWithServices(db: Queryable, centreId: string) {
  const rows = await db
    .select()
    .from(counters)
    .where(eq(counters.centreId, centreId))
    .orderBy(asc(counters.number));
  const links = rows.length
    ? await db
        .select()
        .from(counterServices)
        .where(
          inArray(
            counterServices.counterId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({
    ...r,
    serviceIds: links
      .filter((l) => l.counterId === r.id)
      .map((l) => l.serviceId)
      .sort(),
  }));
}

export async function insertCounter(
  tx: Queryable,
  values: typeof counters.$inferInsert,
  serviceIds: string[],
) {
  const [row] = await tx.insert(counters).values(values).onConflictDoNothing().returning();
  if (!row) return undefined;
  if (serviceIds.length)
    await tx
      .insert(counterServices)
      .values(serviceIds.map((serviceId) => ({ counterId: row.id, serviceId })));
  return { ...row, serviceIds: [...serviceIds].sort() };
}

export async function findCounter(db: Queryable, id: string) {
  const [row] = await db.select().from(counters).where(eq(counters.id, id));
  if (!row) return undefined;
  const links = await db.select().from(counterServices).where(eq(counterServices.counterId, id));
  return { ...row, serviceIds: links.map((l) => l.serviceId).sort() };
}

export async function updateCounter(
  tx: Queryable,
  id: string,
  set: Partial<typeof counters.$inferInsert>,
  serviceIds: string[] | undefined,
) {
  if (Object.keys(set).length) await tx.update(counters).set(set).where(eq(counters.id, id));
  if (serviceIds) {
    await tx.delete(counterServices).where(eq(counterServices.counterId, id));
    if (serviceIds.length)
      await tx.insert(counterServices).values(serviceIds.map((serviceId) => ({ counterId: id, serviceId })));
  }
}

export async function countExistingServices(db: Queryable, ids: string[]) {
  if (ids.length === 0) return 0;
  return (await db.select({ id: services.id }).from(services).where(inArray(services.id, ids))).length;
}
