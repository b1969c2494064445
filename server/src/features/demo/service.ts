import { planPublicCalendar } from '@mawaeed/core/calendar/public-calendar';
import { todayIn } from '@mawaeed/core/time/local';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import * as repo from './repository';
import type { Seed } from './seed-format';

export type SeedCounts = {
  centres: number;
  services: number;
  offerings: number;
  holidays: number;
  specialPeriods: number;
};

/**
 * Writes a seed into a database that has no centre yet, in one transaction, and says how much
 * it wrote; with a centre already there it writes nothing and returns null. National holidays
 * and every centre's special periods are those of the Hijri years current at the clock's now.
 */
export async function importSeed(deps: { db: Db; clock: Clock }, seed: Seed): Promise<SeedCounts | null> {
  const today = todayIn(seed.calendar.timeZone, deps.clock.now());
  const calendar = planPublicCalendar(seed.calendar, today);
  return deps.db.transaction(async (tx) => {
    await repo.lockSeeding(tx);
    if (await repo.hasAnyCentre(tx)) return null;

    const serviceIds = idsByCode(
      await repo.insertServices(
        tx,
        seed.services.map((s, i) => ({
          code: s.code,
          letter: s.letter,
          name: s.name,
          description: s.description,
          durationMinutes: s.durationMinutes,
          documents: s.documents,
          walkIns: s.walkIns,
          minLeadMinutes: s.minLeadMinutes,
          maxDaysAhead: s.maxDaysAhead,
          perPersonLimit: s.perPersonLimit,
          // The seed lists services in the order people should see them.
          sortOrder: i,
        })),
      ),
    );
    const centreRows = await repo.insertCentres(
      tx,
      seed.centres.map((c) => ({
        code: c.code,
        name: c.name,
        address: c.address,
        phone: c.phone,
        lat: c.location.lat,
        lng: c.location.lng,
        timeZone: c.timeZone,
        weeklyHours: c.weeklyHours,
      })),
    );
    const centreIds = idsByCode(centreRows);
    const offeringRows = await repo.insertOfferings(
      tx,
      seed.centres.flatMap((c) =>
        c.offerings.map((o) => ({
          centreId: idOf(centreIds, c.code),
          serviceId: idOf(serviceIds, o.service),
          slotMinutes: o.slotMinutes,
          capacity: o.capacity,
          capacityRules: o.capacityRules,
        })),
      ),
    );
    const holidayRows = await repo.insertClosures(
      tx,
      calendar.holidays.map((h) => ({
        centreId: null,
        date: h.date,
        kind: h.kind,
        name: h.name,
        provisional: h.provisional,
      })),
    );
    const periodRows = await repo.insertSpecialPeriods(
      tx,
      centreRows.flatMap((c) =>
        calendar.specialPeriods.map((p) => ({
          centreId: c.id,
          name: p.name,
          startsOn: p.from,
          endsOn: p.to,
          weeklyHours: p.weeklyHours,
          provisional: p.provisional,
        })),
      ),
    );
    return {
      centres: centreRows.length,
      services: serviceIds.size,
      offerings: offeringRows.length,
      holidays: holidayRows.length,
      specialPeriods: periodRows.length,
    };
  });
}

function idsByCode(rows: { id: string; code: string }[]) {
  return new Map(rows.map((r) => [r.code, r.id]));
}

function idOf(ids: Map<string, string>, code: string): string {
  const id = ids.get(code);
  // Seed validation resolves every code; reaching this means a seed skipped it.
  if (!id) throw new Error(`seed refers to unknown code ${code}`);
  return id;
}
