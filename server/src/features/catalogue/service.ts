import type { Availability, Centre, CentreDetail, Service } from '@mawaeed/core/contracts/catalogue';
import { listAvailability } from '@mawaeed/core/schedule/slots';
import { addDays, formatInZone, todayIn, toInstant, toZoned } from '@mawaeed/core/time/local';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import * as repo from './repository';

/** How far ahead a centre's page lists its closures and special periods. */
const COMING_DAYS = 366;

function toCentre(row: repo.CentreRow, services: string[]): Centre {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    phone: row.phone,
    location: { lat: row.lat, lng: row.lng },
    timeZone: row.timeZone,
    weeklyHours: row.weeklyHours,
    services,
  };
}

function toService(row: repo.ServiceRow): Service {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    durationMinutes: row.durationMinutes,
    documents: row.documents,
    walkIns: row.walkIns,
  };
}

export function createCatalogueService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function listCentres(): Promise<{ items: Centre[] }> {
    const [rows, offered] = await Promise.all([repo.listActiveCentres(db), repo.listOfferedServices(db)]);
    return { items: rows.map((r) => toCentre(r, offered.get(r.id) ?? [])) };
  }

  async function getCentre(centreId: string): Promise<CentreDetail> {
    const row = await repo.findCentre(db, centreId);
    if (!row) throw new AppError('NOT_FOUND');
    const today = todayIn(row.timeZone, clock.now());
    const [offered, calendar] = await Promise.all([
      repo.listOfferedServices(db),
      repo.loadCalendar(db, row.id, today, addDays(today, COMING_DAYS)),
    ]);
    return {
      ...toCentre(row, offered.get(row.id) ?? []),
      closures: calendar.closures.map((c) => ({
        date: c.date,
        kind: c.kind,
        name: c.name,
        openHours: c.openHours ?? null,
        provisional: c.provisional,
      })),
      specialPeriods: calendar.specialPeriods.map((p) => ({
        from: p.startsOn,
        to: p.endsOn,
        name: p.name,
        weeklyHours: p.weeklyHours,
        provisional: p.provisional,
      })),
    };
  }

  async function listServices(): Promise<{ items: Service[] }> {
    return { items: (await repo.listActiveServices(db)).map(toService) };
  }

  /** Everything needed to reason about an offering's slots over a date range. */
  async function loadOfferingContext(centreId: string, serviceId: string, from: string, to: string) {
    return withCalendar(await requireOffering(centreId, serviceId), from, to);
  }

  async function requireOffering(centreId: string, serviceId: string) {
    const found = await repo.findOfferingWithParents(db, centreId, serviceId);
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  async function withCalendar(
    found: NonNullable<Awaited<ReturnType<typeof repo.findOfferingWithParents>>>,
    from: string,
    to: string,
  ) {
    const { centre, service, offering } = found;
    const calendar = await repo.loadCalendar(db, centre.id, from, to);
    return {
      centre,
      service,
      offering,
      schedule: repo.toSchedule(centre, calendar),
      plan: {
        slotMinutes: offering.slotMinutes,
        capacity: offering.capacity,
        capacityRules: offering.capacityRules,
      },
      window: { minLeadMinutes: service.minLeadMinutes, maxDaysAhead: service.maxDaysAhead },
    };
  }

  async function getAvailability(
    centreId: string,
    query: { service: string; from: string; to: string },
  ): Promise<Availability> {
    const ctx = await loadOfferingContext(centreId, query.service, query.from, query.to);
    const zone = ctx.centre.timeZone;
    // Day bounds with a day's margin either side: offsets never exceed 14 hours.
    const rangeStart =
      toInstant(addDays(query.from, -1), '00:00', zone) ?? new Date(`${query.from}T00:00:00Z`);
    const rangeEnd = toInstant(addDays(query.to, 2), '00:00', zone) ?? new Date(`${query.to}T00:00:00Z`);
    const taken = await repo.loadTakenSeats(db, ctx.offering.id, rangeStart, rangeEnd);
    const days = listAvailability({
      from: query.from,
      to: query.to,
      schedule: ctx.schedule,
      plan: ctx.plan,
      window: ctx.window,
      now: clock.now(),
      takenAt: (ms) => taken.get(ms) ?? 0,
    });
    return {
      timeZone: zone,
      days: days.map((d) =>
        d.open
          ? {
              date: d.date,
              open: true,
              slots: d.slots.map((s) => ({
                start: formatInZone(s.start, zone),
                end: formatInZone(s.end, zone),
                remaining: s.remaining,
              })),
            }
          : { date: d.date, open: false, reason: d.reason, reasonName: d.reasonName, slots: [] },
      ),
    };
  }

  /** An offering's context on the centre-local day of an instant, with that day as `date`. */
  async function loadOfferingAt(centreId: string, serviceId: string, at: Date) {
    const found = await requireOffering(centreId, serviceId);
    const date = toZoned(at, found.centre.timeZone).date;
    return { ...(await withCalendar(found, date, date)), date };
  }

  /** A centre and a service as they are, active or not: for describing an existing booking. */
  async function describe(centreId: string, serviceId: string) {
    const [centre, service] = await Promise.all([
      repo.findCentreAny(db, centreId),
      repo.findServiceAny(db, serviceId),
    ]);
    if (!centre || !service) throw new AppError('NOT_FOUND');
    return { centre, service };
  }

  async function findCentreZone(centreId: string) {
    const centre = await repo.findCentreAny(db, centreId);
    if (!centre) throw new Error(`centre ${centreId} vanished`);
    return centre.timeZone;
  }

  return {
    listCentres,
    getCentre,
    listServices,
    getAvailability,
    loadOfferingContext,
    loadOfferingAt,
    findCentreZone,
    describe,
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
