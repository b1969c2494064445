import type { Availability, Centre, CentreDetail, Service } from '@mawaeed/core/contracts/catalogue';
import { availabilityChangesAt, findSlot, listAvailability, type Slot } from '@mawaeed/core/schedule/slots';
import { addDays, formatInZone, todayIn, toInstant, toZoned } from '@mawaeed/core/time/local';
import { LRUCache } from 'lru-cache';
import type { Db, Queryable } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { freshReads } from '../../lib/fresh-reads';
import * as repo from './repository';

/** How far ahead a centre's page lists its closures and special periods. */
const COMING_DAYS = 366;
/** How long peekOfferingAt keeps an answer, and how many it keeps at most (least recently asked go first). */
const RECENT_MS = 5_000;
const RECENT_MAX = 10_000;
/**
 * How much availability answers availabilityJson keeps, by size (a 31-day answer counts ~150 KB:
 * its 58 KiB, its seats and its calendar), so about 200 of them: the least recently asked go
 * first, so a crawl of odd ranges cannot grow it.
 */
const ANSWERS_MAX_BYTES = 32 * 1024 * 1024;

function toCentre(row: repo.CentreRow, services: string[], waitingNow = 0): Centre {
  return {
    waitingNow,
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

/** A centre's schedule (hours, special periods, closures) for a date range, read through `q`. */
export async function loadSchedule(q: Queryable, centre: repo.CentreRow, from: string, to: string) {
  return repo.toSchedule(centre, await repo.loadCalendar(q, centre.id, from, to));
}

export function createCatalogueService(deps: {
  db: Db;
  clock: Clock;
  /** People waiting now per centre, from the hall (late-bound: the hall is built after the catalogue). */
  waitingByCentre?: () => Promise<Map<string, number>>;
}) {
  const { db, clock } = deps;
  const waiting = () => deps.waitingByCentre?.() ?? Promise.resolve(new Map<string, number>());

  async function listCentres(): Promise<{ items: Centre[] }> {
    const [rows, offered, people] = await Promise.all([
      repo.listActiveCentres(db),
      repo.listOfferedServices(db),
      waiting(),
    ]);
    return { items: rows.map((r) => toCentre(r, offered.get(r.id) ?? [], people.get(r.id) ?? 0)) };
  }

  async function getCentre(centreId: string): Promise<CentreDetail> {
    const row = await repo.findCentre(db, centreId);
    if (!row) throw new AppError('NOT_FOUND');
    const today = todayIn(row.timeZone, clock.now());
    const [offered, calendar, people] = await Promise.all([
      repo.listOfferedServices(db),
      repo.loadCalendar(db, row.id, today, addDays(today, COMING_DAYS)),
      waiting(),
    ]);
    return {
      ...toCentre(row, offered.get(row.id) ?? [], people.get(row.id) ?? 0),
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

  async function requireOffering(centreId: string, serviceId: string, within: Queryable = db) {
    const found = await repo.findOfferingWithParents(within, centreId, serviceId);
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  async function withCalendar(
    found: NonNullable<Awaited<ReturnType<typeof repo.findOfferingWithParents>>>,
    from: string,
    to: string,
    within: Queryable = db,
  ) {
    return contextOf(found, await repo.loadCalendar(within, found.centre.id, from, to));
  }

  function contextOf(
    { centre, service, offering }: NonNullable<Awaited<ReturnType<typeof repo.findOfferingWithParents>>>,
    calendar: Awaited<ReturnType<typeof repo.loadCalendar>>,
  ) {
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

  /** The days of a range with each slot's free seats (held seats count as taken), through `within`. */
  async function availabilityOf(
    ctx: Awaited<ReturnType<typeof withCalendar>>,
    range: { from: string; to: string },
    within: Queryable = db,
  ) {
    const zone = ctx.centre.timeZone;
    // Day bounds with a day's margin either side: offsets never exceed 14 hours.
    const rangeStart =
      toInstant(addDays(range.from, -1), '00:00', zone) ?? new Date(`${range.from}T00:00:00Z`);
    const rangeEnd = toInstant(addDays(range.to, 2), '00:00', zone) ?? new Date(`${range.to}T00:00:00Z`);
    return listDays(ctx, range, await repo.loadTakenSeats(within, ctx.offering.id, rangeStart, rangeEnd));
  }

  function listDays(
    ctx: ReturnType<typeof contextOf>,
    range: { from: string; to: string },
    taken: Map<number, number>,
    now = clock.now(),
  ) {
    return listAvailability({
      from: range.from,
      to: range.to,
      ...scheduleOf(ctx),
      now,
      takenAt: (ms) => taken.get(ms) ?? 0,
    });
  }

  function scheduleOf(ctx: ReturnType<typeof contextOf>) {
    return { schedule: ctx.schedule, plan: ctx.plan, window: ctx.window };
  }

  /** An availability answer as sent, and what it was made of (see availabilityJson). */
  type Answer = {
    offeringId: string;
    ctx: ReturnType<typeof contextOf>;
    version: string;
    takenText: string;
    /** Epoch ms by the app's clock: the answer holds from madeAt until validUntil (exclusive). */
    madeAt: number;
    validUntil: number;
    /** The answer's JSON, encoded once: sending a Buffer skips encoding 58 KiB per request. */
    json: Buffer;
  };
  /** Recent answers by centre, service and range, up to ANSWERS_MAX_BYTES. */
  const answers = new LRUCache<string, Answer>({
    maxSize: ANSWERS_MAX_BYTES,
    // The bytes sent, the seats' text (two bytes a character) and about as much again for the calendar.
    sizeCalculation: (a) => 2 * (a.json.length + 2 * a.takenText.length),
  });
  /** People asking the same question at once share one read that began after each asked. */
  const seatReads = freshReads<Awaited<ReturnType<typeof repo.readSeatsAndVersion>>>();

  /**
   * The availability answer as JSON (UTF-8). A recent answer for the same range is sent again only
   * after one read shows that nothing it was made of has changed: the seats taken (every booking,
   * cancellation, hold and release writes them), the catalogue's version (every change to
   * centres, services, offerings, closures and special periods moves it, by trigger), and the
   * clock (not past the instant the core says the window changes). So no answer is ever staler
   * than a read without the cache, on any instance. When the seats alone changed, the slots are
   * counted again from the calendar already read.
   */
  async function availabilityJson(
    centreId: string,
    query: { service: string; from: string; to: string },
  ): Promise<Buffer> {
    const key = `${centreId}|${query.service}|${query.from}|${query.to}`;
    const now = clock.now();
    const known = answers.get(key);
    if (known) {
      const fresh = await seatReads(key, () =>
        repo.readSeatsAndVersion(db, known.offeringId, query, known.ctx.centre.timeZone),
      );
      if (fresh.version === known.version) {
        const inTime = known.madeAt <= now.getTime() && now.getTime() < known.validUntil;
        if (fresh.takenText === known.takenText && inTime) return known.json;
        return remember(key, { ...known, takenText: fresh.takenText }, query, now, fresh.taken());
      }
    }
    // The offering, its calendar, the taken seats and the catalogue's version in one round trip.
    const found = await repo.findOfferingCalendar(db, centreId, query.service, query, { taken: true });
    if (!found?.takenText || !found.catalogueVersion) {
      answers.delete(key);
      throw new AppError('NOT_FOUND');
    }
    const ctx = contextOf(found, found.calendar);
    const made = { offeringId: found.offering.id, ctx, version: found.catalogueVersion };
    return remember(key, { ...made, takenText: found.takenText }, query, now, found.taken);
  }

  function remember(
    key: string,
    made: Omit<Answer, 'json' | 'madeAt' | 'validUntil'>,
    query: { from: string; to: string },
    now: Date,
    taken: Map<number, number>,
  ) {
    const { ctx } = made;
    const zone = ctx.centre.timeZone;
    const days = listDays(ctx, query, taken, now);
    const answer: Availability = {
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
    const json = Buffer.from(JSON.stringify(answer));
    const validUntil = availabilityChangesAt({ from: query.from, to: query.to, ...scheduleOf(ctx), now });
    answers.set(key, { ...made, json, madeAt: now.getTime(), validUntil: validUntil.getTime() });
    return json;
  }

  /**
   * The bookable slots of an offering between two local dates with their free seats, read
   * through `within` (the waitlist looks for seats inside an admin change's transaction); null
   * when the centre does not offer the service.
   */
  async function listOpenSlots(
    centreId: string,
    serviceId: string,
    range: { from: string; to: string },
    within: Queryable = db,
  ) {
    const found = await repo.findOfferingWithParents(within, centreId, serviceId);
    if (!found) return null;
    const ctx = await withCalendar(found, range.from, range.to, within);
    const days = await availabilityOf(ctx, range, within);
    return {
      ...ctx,
      slots: days.flatMap((d) => (d.open ? d.slots.filter((s) => s.remaining > 0) : [])),
    };
  }

  /** An offering's context on the centre-local day of an instant, with that day as `date`. */
  async function loadOfferingAt(centreId: string, serviceId: string, at: Date, within: Queryable = db) {
    const found = await repo.findOfferingCalendar(within, centreId, serviceId, { at });
    if (!found) throw new AppError('NOT_FOUND');
    return {
      ...contextOf(found, found.calendar),
      date: toZoned(at, found.centre.timeZone).date,
      /** The catalogue's version this was read at (migration 0016): unchanged, so is all of it. */
      version: found.catalogueVersion,
    };
  }

  type Peeked = Awaited<ReturnType<typeof loadOfferingAt>> & {
    /** The slot of the day starting at the instant, found once per answer (undefined: none). */
    slot: Slot | undefined;
  };

  /** loadOfferingAt's recent answers, by centre, service and instant (see peekOfferingAt). */
  const recent = new LRUCache<string, { ctx: Peeked | null }>({ max: RECENT_MAX, ttl: RECENT_MS });

  /**
   * loadOfferingAt from an answer at most RECENT_MS old (null: no such offering then): for a
   * booking's early check before its transaction, which may pass on a stale answer because the
   * transaction reads the offering again under the schedule lock, and must confirm a refusal
   * with loadOfferingAt. Saves a burst of bookings one read each of the same few rows.
   */
  async function peekOfferingAt(centreId: string, serviceId: string, at: Date): Promise<Peeked | null> {
    const key = `${centreId}|${serviceId}|${at.getTime()}`;
    const hit = recent.get(key);
    if (hit) return hit.ctx;
    const loaded = await loadOfferingAt(centreId, serviceId, at).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    });
    const ctx = loaded && { ...loaded, slot: findSlot(at, loaded) };
    recent.set(key, { ctx });
    return ctx;
  }

  /**
   * peekOfferingAt's answer if it has one at most RECENT_MS old, without reading anything (for
   * use inside a transaction, which must not wait for a second connection); undefined if none.
   */
  function recentOfferingAt(centreId: string, serviceId: string, at: Date): Peeked | null | undefined {
    return recent.get(`${centreId}|${serviceId}|${at.getTime()}`)?.ctx;
  }

  /** A centre and a service as they are, active or not: for describing an existing booking. */
  async function describe(centreId: string, serviceId: string, within: Queryable = db) {
    const [centre, service] = await Promise.all([
      repo.findCentreAny(within, centreId),
      repo.findServiceAny(within, serviceId),
    ]);
    if (!centre || !service) throw new AppError('NOT_FOUND');
    return { centre, service };
  }

  /** A centre, active or not, or NOT_FOUND. */
  async function requireCentre(centreId: string, within: Queryable = db) {
    const centre = await repo.findCentreAny(within, centreId);
    if (!centre) throw new AppError('NOT_FOUND');
    return centre;
  }

  /** A centre and its schedule over a date range. */
  async function centreSchedule(centreId: string, from: string, to: string) {
    const centre = await requireCentre(centreId);
    return { centre, schedule: await loadSchedule(db, centre, from, to) };
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
    availabilityJson,
    loadOfferingContext,
    loadOfferingAt,
    peekOfferingAt,
    recentOfferingAt,
    listOpenSlots,
    findCentreZone,
    requireCentre,
    centreSchedule,
    describe,
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
