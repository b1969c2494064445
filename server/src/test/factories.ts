import { GOVERNMENT_HOURS } from '@mawaeed/core/country/bahrain';
import type { WeeklyHours } from '@mawaeed/core/schedule/types';
import type { Db } from '../db/client';
import { centres, closures, offerings, services, slotLoads, specialPeriods } from '../db/schema';

const ALL_DAY = [{ open: '00:00', close: '24:00' }];
/** Open around the clock, every day: for tests and benches on the system clock, whatever the hour. */
export const ALWAYS_OPEN: WeeklyHours = {
  sun: ALL_DAY,
  mon: ALL_DAY,
  tue: ALL_DAY,
  wed: ALL_DAY,
  thu: ALL_DAY,
  fri: ALL_DAY,
  sat: ALL_DAY,
};

let seq = 0;
const next = () => ++seq;

export async function createCentre(db: Db, overrides: Partial<typeof centres.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(centres)
    .values({
      code: `centre-${n}-${Math.random().toString(36).slice(2, 8)}`,
      name: { en: `Centre ${n}`, ar: `المركز ${n}` },
      address: { en: `Road ${n}, Isa Town`, ar: `طريق ${n}، مدينة عيسى` },
      phone: '+973 1700 0000',
      lat: 26.17,
      lng: 50.55,
      timeZone: 'Asia/Bahrain',
      weeklyHours: GOVERNMENT_HOURS,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('centre not created');
  return row;
}

export async function createService(db: Db, overrides: Partial<typeof services.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(services)
    .values({
      code: `service-${n}-${Math.random().toString(36).slice(2, 8)}`,
      letter: 'P',
      name: { en: `Service ${n}`, ar: `الخدمة ${n}` },
      description: { en: 'A service', ar: 'خدمة' },
      durationMinutes: 15,
      documents: { en: ['CPR card'], ar: ['البطاقة الذكية'] },
      walkIns: true,
      minLeadMinutes: 60,
      maxDaysAhead: 60,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('service not created');
  return row;
}

export async function createOffering(
  db: Db,
  centreId: string,
  serviceId: string,
  overrides: Partial<typeof offerings.$inferInsert> = {},
) {
  const [row] = await db
    .insert(offerings)
    .values({ centreId, serviceId, slotMinutes: 15, capacity: 2, capacityRules: [], ...overrides })
    .returning();
  if (!row) throw new Error('offering not created');
  return row;
}

/** A centre offering one service: the usual starting point of a test. */
export async function createOfferingSetup(
  db: Db,
  options: {
    centre?: Partial<typeof centres.$inferInsert>;
    service?: Partial<typeof services.$inferInsert>;
    offering?: Partial<typeof offerings.$inferInsert>;
  } = {},
) {
  const centre = await createCentre(db, options.centre);
  const service = await createService(db, options.service);
  const offering = await createOffering(db, centre.id, service.id, options.offering);
  return { centre, service, offering };
}

export async function createClosure(db: Db, values: typeof closures.$inferInsert) {
  const [row] = await db.insert(closures).values(values).returning();
  return row;
}

export async function createSpecialPeriod(db: Db, values: typeof specialPeriods.$inferInsert) {
  const [row] = await db.insert(specialPeriods).values(values).returning();
  return row;
}

/** Seats taken directly, as if bookings had been made. */
export async function takeSeats(
  db: Db,
  offeringId: string,
  startsAt: Date,
  booked: number,
  capacity: number,
) {
  await db.insert(slotLoads).values({ offeringId, startsAt, booked, capacity });
}
