import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { centres } from '../../db/schema';
import { devices } from '../../db/schema-staff';

export type DeviceRow = typeof devices.$inferSelect;

export async function insertDevice(tx: Queryable, values: typeof devices.$inferInsert) {
  const [row] = await tx.insert(devices).values(values).returning();
  if (!row) throw new Error('device not inserted');
  return row;
}

export async function listDevices(db: Queryable, centreId: string) {
  return db.select().from(devices).where(eq(devices.centreId, centreId)).orderBy(asc(devices.createdAt));
}

export async function findDevice(db: Queryable, id: string) {
  const [row] = await db.select().from(devices).where(eq(devices.id, id));
  return row;
}

export async function findLiveDeviceByHash(db: Queryable, tokenHash: string) {
  const [row] = await db
    .select()
    .from(devices)
    .where(and(eq(devices.tokenHash, tokenHash), isNull(devices.revokedAt)));
  return row;
}

export async function updateDevice(tx: Queryable, id: string, set: Partial<typeof devices.$inferInsert>) {
  const [row] = await tx.update(devices).set(set).where(eq(devices.id, id)).returning();
  return row;
}

export async function findCentreBrief(db: Queryable, id: string) {
  const [row] = await db
    .select({ id: centres.id, name: centres.name, timeZone: centres.timeZone })
    .from(centres)
    .where(eq(centres.id, id));
  return row;
}
