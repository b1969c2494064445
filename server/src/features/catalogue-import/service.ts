import type { WeeklyHours } from '@mawaeed/core/schedule/types';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import * as repo from './repository';
import type { ImportPlan, RowError } from './rows';

export type ImportResult =
  | { ok: true; written: { services: number; centres: number; offerings: number; hours: number } }
  | { ok: false; errors: RowError[] };

const CLOSED_WEEK: WeeklyHours = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };

/**
 * Adds centres, services, offerings and weekly hours from an import plan: every row checked
 * against the file and the database first, then all written in one transaction or nothing.
 * Existing services and centres are never overwritten (a code already taken is a bad row), and a
 * centre with bookings to come keeps its hours (the admin area changes them and protects those
 * bookings).
 */
export function createCatalogueImport(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function check(plan: ImportPlan): Promise<RowError[]> {
    const errors: RowError[] = [];
    const bad = (where: string, message: string) => errors.push({ where, message });
    const serviceCodes = [
      ...new Set([...plan.services.map((s) => s.value.code), ...plan.offerings.map((o) => o.value.service)]),
    ];
    const centreCodes = [
      ...new Set(
        [...plan.centres, ...plan.offerings, ...plan.hours].map((r) =>
          'code' in r.value ? r.value.code : r.value.centre,
        ),
      ),
    ];
    const dbServices = new Map((await repo.findServicesByCode(db, serviceCodes)).map((s) => [s.code, s]));
    const dbCentres = new Map((await repo.findCentresByCode(db, centreCodes)).map((c) => [c.code, c.id]));
    const seen = new Set<string>();
    for (const { where, value } of plan.services) {
      if (dbServices.has(value.code)) bad(where, `service ${value.code} already exists`);
      else if (seen.has(value.code)) bad(where, `service ${value.code} is listed twice`);
      seen.add(value.code);
    }
    seen.clear();
    for (const { where, value } of plan.centres) {
      if (dbCentres.has(value.code)) bad(where, `centre ${value.code} already exists`);
      else if (seen.has(value.code)) bad(where, `centre ${value.code} is listed twice`);
      seen.add(value.code);
    }
    const newServices = new Set(plan.services.map((s) => s.value.code));
    const newCentres = new Set(plan.centres.map((c) => c.value.code));
    const pairs = new Set(
      (await repo.findOfferingPairs(db, [...dbCentres.values()])).map((p) => `${p.centreId}/${p.serviceId}`),
    );
    seen.clear();
    for (const { where, value } of plan.offerings) {
      const centreId = dbCentres.get(value.centre);
      const service = dbServices.get(value.service);
      if (!centreId && !newCentres.has(value.centre)) bad(where, `unknown centre ${value.centre}`);
      else if (!service && !newServices.has(value.service)) bad(where, `unknown service ${value.service}`);
      else if (
        (centreId && service && pairs.has(`${centreId}/${service.id}`)) ||
        seen.has(`${value.centre}/${value.service}`)
      )
        bad(where, `${value.centre} already offers ${value.service}`);
      seen.add(`${value.centre}/${value.service}`);
    }
    const busy = new Set(await repo.centresWithComingBookings(db, [...dbCentres.values()], clock.now()));
    for (const { where, value } of plan.hours) {
      const centreId = dbCentres.get(value.centre);
      if (!centreId && !newCentres.has(value.centre)) bad(where, `unknown centre ${value.centre}`);
      else if (centreId && busy.has(centreId))
        bad(where, `centre ${value.centre} has bookings to come: change its hours in the admin area`);
    }
    for (const [centre, week] of weeksOf(plan)) {
      for (const [day, intervals] of Object.entries(week)) {
        const sorted = [...intervals].sort((a, b) => (a.open < b.open ? -1 : 1));
        if (sorted.some((iv, i) => i > 0 && iv.open < (sorted[i - 1]?.close ?? ''))) {
          const row = plan.hours.find((h) => h.value.centre === centre && h.value.day === day);
          bad(row?.where ?? 'file', `${centre}: opening hours on ${day} overlap`);
        }
      }
    }
    return errors.sort((a, b) => lineOf(a.where) - lineOf(b.where));
  }

  async function importPlan(plan: ImportPlan, onProgress?: (done: number) => void): Promise<ImportResult> {
    const errors = await check(plan);
    if (errors.length) return { ok: false, errors };
    const weeks = weeksOf(plan);
    let done = 0;
    const step = (n: number) => {
      done += n;
      onProgress?.(done);
    };
    await db.transaction(async (tx) => {
      const existingServices = await repo.findServicesByCode(
        tx,
        plan.offerings.map((o) => o.value.service),
      );
      const insertedServices = await repo.insertServices(
        tx,
        plan.services.map(({ value: s }, i) => ({ ...s, sortOrder: 1000 + i })),
      );
      step(plan.services.length);
      const serviceIds = new Map([...existingServices, ...insertedServices].map((s) => [s.code, s.id]));
      const insertedCentres = await repo.insertCentres(
        tx,
        plan.centres.map(({ value: c }) => ({
          ...c,
          weeklyHours: weeks.get(c.code) ?? c.weeklyHours ?? CLOSED_WEEK,
        })),
      );
      step(plan.centres.length);
      const existingCentres = await repo.findCentresByCode(tx, [
        ...plan.offerings.map((o) => o.value.centre),
        ...plan.hours.map((h) => h.value.centre),
      ]);
      const centreIds = new Map([...existingCentres, ...insertedCentres].map((c) => [c.code, c.id]));
      await repo.insertOfferings(
        tx,
        plan.offerings.map(({ value: o }) => ({
          centreId: centreIds.get(o.centre) as string,
          serviceId: serviceIds.get(o.service) as string,
          slotMinutes: o.slotMinutes,
          capacity: o.capacity,
        })),
      );
      step(plan.offerings.length);
      const created = new Set(insertedCentres.map((c) => c.code));
      for (const [code, week] of weeks) {
        if (!created.has(code)) await repo.setWeeklyHours(tx, centreIds.get(code) as string, week);
      }
      step(plan.hours.length);
    });
    return {
      ok: true,
      written: {
        services: plan.services.length,
        centres: plan.centres.length,
        offerings: plan.offerings.length,
        hours: plan.hours.length,
      },
    };
  }

  return { check, importPlan };
}

/** The week each centre of the hours rows gets: its listed intervals, other days closed. */
function weeksOf(plan: ImportPlan): Map<string, WeeklyHours> {
  const weeks = new Map<string, WeeklyHours>();
  for (const { value } of plan.hours) {
    const week = weeks.get(value.centre) ?? structuredClone(CLOSED_WEEK);
    week[value.day].push({ open: value.open, close: value.close });
    weeks.set(value.centre, week);
  }
  for (const week of weeks.values()) {
    for (const day of Object.values(week)) day.sort((a, b) => (a.open < b.open ? -1 : 1));
  }
  return weeks;
}

function lineOf(where: string): number {
  const match = /^line (\d+)/.exec(where);
  return match ? Number(match[1]) : 0;
}
