import type { DashboardKpis, KpiTargets, LiveHall } from '@mawaeed/core/contracts/dashboard';
import { histogram, placeWait, waitHeatMap, waitlistRefills, waitsByHour } from '@mawaeed/core/kpi/figures';
import {
  appointmentCompliance,
  countBookings,
  describeDistribution,
  noShowRate,
  rateAgainstTarget,
  satisfaction,
  serviceMinutes,
  utilisation,
  type VisitTimes,
  waitingMinutes,
} from '@mawaeed/core/kpi/formulas';
import { SCORECARD, SCORECARD_KPIS, type ScorecardKpi } from '@mawaeed/core/kpi/targets';
import { addDays, datesInRange, todayIn } from '@mawaeed/core/time/local';
import type { Db } from '../../db/client';
import { type Actor, CENTRE_ADMINS, requireStaff, type StaffActor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import type { Audit } from '../audit/service';
import * as repo from './repository';

const MINUTE = 60_000;
const isNumber = (v: number | null): v is number => v !== null;
const round = (v: number | null, places = 3) =>
  v === null ? null : Math.round(v * 10 ** places) / 10 ** places;

export type PeriodQuery = {
  from: string;
  to: string;
  centreId?: string | undefined;
  serviceId?: string | undefined;
  counterId?: string | undefined;
};

/**
 * The manager's dashboard: the hall now, and the KPIs of a period computed with the formulas of
 * core/src/kpi from indexed rows (tickets by centre and local day, bookings by centre and start).
 */
export function createDashboard(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  function scopeOf(staff: StaffActor, query: PeriodQuery): repo.Scope {
    if (query.centreId) requireStaff(staff, { centreId: query.centreId });
    const centreIds = query.centreId
      ? [query.centreId]
      : staff.role === 'administrator'
        ? null
        : staff.centreIds;
    return {
      from: query.from,
      to: query.to,
      centreIds,
      serviceId: query.serviceId,
      counterId: query.counterId,
    };
  }

  async function live(actor: Actor, centreId: string): Promise<LiveHall> {
    requireStaff(actor, { roles: CENTRE_ADMINS, centreId });
    const now = clock.now();
    const [rows, activity] = await Promise.all([
      repo.listWaiting(db, centreId),
      repo.countHallActivity(db, centreId, new Date(now.getTime() - 60 * MINUTE)),
    ]);
    const services = new Map<string, LiveHall['services'][number]>();
    for (const r of rows) {
      const s = services.get(r.serviceId) ?? {
        serviceId: r.serviceId,
        letter: r.letter,
        name: r.name,
        waiting: 0,
        longestWaitMinutes: null,
      };
      if (r.queuedAt) {
        s.waiting++;
        // Waiting so far: the KPI's own formula, as if called now.
        const so = waitingMinutes({
          ...r,
          queuedAt: r.queuedAt,
          calledAt: now,
          startedAt: null,
          finishedAt: null,
        });
        if (so !== null) s.longestWaitMinutes = Math.max(s.longestWaitMinutes ?? 0, Math.round(so));
      }
      services.set(r.serviceId, s);
    }
    const list = [...services.values()];
    const longest = list.map((s) => s.longestWaitMinutes).filter(isNumber);
    return {
      centreId,
      services: list,
      waiting: list.reduce((n, s) => n + s.waiting, 0),
      longestWaitMinutes: longest.length ? Math.max(...longest) : null,
      ...activity,
    };
  }

  async function targets(): Promise<KpiTargets> {
    const saved = new Map((await repo.listTargets(db)).map((r) => [r.kpi, r.target]));
    return {
      items: SCORECARD_KPIS.map((kpi) => ({
        kpi,
        target: saved.get(kpi) ?? SCORECARD[kpi].target,
        direction: SCORECARD[kpi].direction,
      })),
    };
  }

  async function readTargets(actor: Actor) {
    requireStaff(actor, { roles: CENTRE_ADMINS });
    return targets();
  }

  async function setTargets(actor: Actor, update: Partial<Record<ScorecardKpi, number>>) {
    const staff = requireStaff(actor, { roles: ['administrator'] });
    const before = await targets();
    await db.transaction(async (tx) => {
      for (const [kpi, target] of Object.entries(update)) {
        if (target === undefined) continue;
        await repo.saveTarget(tx, { kpi, target, updatedBy: staff.id, updatedAt: clock.now() });
      }
      await audit.record(tx, staff, {
        action: 'update',
        entity: 'kpi_targets',
        entityId: 'scorecard',
        before: Object.fromEntries(before.items.map((i) => [i.kpi, i.target])),
        after: update,
      });
    });
    return targets();
  }

  /** Every KPI of a period for a scope, with the scorecard against the targets. */
  async function computeKpis(scope: repo.Scope): Promise<DashboardKpis> {
    const now = clock.now();
    const [visits, bookings, spans, ratings, refills, goal] = await Promise.all([
      repo.listVisits(db, scope),
      repo.listBookings(db, scope, now),
      repo.listStaffedSpans(db, scope, now),
      repo.listRatings(db, scope),
      repo.listWaitlistRefills(db, scope),
      targets(),
    ]);
    const counts = countBookings(bookings, { now });
    const waits = visits.map(waitingMinutes).filter(isNumber);
    const services = visits.map(serviceMinutes).filter(isNumber);
    const staffed = spans.reduce((m, s) => m + Math.max(0, s.to.getTime() - s.from.getTime()) / MINUTE, 0);
    // Staffed time is per counter, not per service: with a service chosen, utilisation is not defined.
    const used = scope.serviceId
      ? null
      : utilisation(
          services.reduce((a, b) => a + b, 0),
          staffed,
        );
    const waiting = describeDistribution(waits);
    const rated = satisfaction(ratings);
    const values: Record<ScorecardKpi, number | null> = {
      appointmentCompliance: appointmentCompliance(visits, { now }),
      waitMedian: waiting.median,
      waitP90: waiting.p90,
      noShowRate: noShowRate(counts.due, counts.checkedIn),
      utilisation: used,
      performance: rated.performance,
      organisation: rated.organisation,
      quality: rated.quality,
      csat: rated.csat,
    };
    const roundDist = (d: typeof waiting) => ({
      count: d.count,
      mean: round(d.mean, 1),
      median: round(d.median, 1),
      p90: round(d.p90, 1),
    });
    return {
      from: scope.from,
      to: scope.to,
      bookings: counts.bookings,
      cancellations: counts.cancelled,
      bookingsDue: counts.due,
      noShows: counts.noShows,
      noShowRate: round(values.noShowRate),
      appointmentCompliance: round(values.appointmentCompliance),
      visits: visits.length,
      waitingMinutes: roundDist(waiting),
      serviceMinutes: roundDist(describeDistribution(services)),
      utilisation: round(used),
      satisfaction: {
        count: rated.count,
        performance: round(rated.performance, 2),
        organisation: round(rated.organisation, 2),
        quality: round(rated.quality, 2),
        csat: round(rated.csat),
      },
      scorecard: goal.items.map((g) => ({
        kpi: g.kpi,
        value: round(values[g.kpi]),
        target: g.target,
        light: rateAgainstTarget(values[g.kpi], g),
      })),
      daily: daily(scope, visits, bookings, now),
      ...chartsOf(visits),
      waitlist: refilled(refills),
    };
  }

  async function readKpis(actor: Actor, query: PeriodQuery) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    return computeKpis(scopeOf(staff, query));
  }

  /**
   * The public page: per active centre, last calendar month in its own zone — appointment
   * compliance, median wait and satisfaction. Figures only, no person.
   */
  async function transparency() {
    const now = clock.now();
    const centres = await repo.listActiveCentres(db);
    let month = '';
    const items = [];
    for (const c of centres) {
      const today = todayIn(c.time_zone, now);
      const firstOfThis = `${today.slice(0, 8)}01`;
      const to = addDays(firstOfThis, -1);
      const from = `${to.slice(0, 8)}01`;
      month = from.slice(0, 7);
      const k = await computeKpis({ from, to, centreIds: [c.id] });
      const dims = [k.satisfaction.performance, k.satisfaction.organisation, k.satisfaction.quality].filter(
        isNumber,
      );
      items.push({
        centreId: c.id,
        name: c.name,
        appointmentCompliance: k.appointmentCompliance,
        waitMedian: k.waitingMinutes.median,
        // The three dimensions' means, averaged: one figure a citizen can read.
        satisfaction: dims.length ? round(dims.reduce((a, b) => a + b, 0) / dims.length, 2) : null,
        csat: k.satisfaction.csat,
        visits: k.visits,
        ratings: k.satisfaction.count,
      });
    }
    return { month, items };
  }

  return { live, readKpis, readTargets, setTargets, transparency, computeKpis };
}
export type Dashboard = ReturnType<typeof createDashboard>;

type Visit = VisitTimes & { day: string; zone: string };

function daily(
  scope: repo.Scope,
  visits: Visit[],
  bookings: (Parameters<typeof countBookings>[0][number] & { day: string })[],
  now: Date,
) {
  const visitsOf = groupBy(visits, (v) => v.day);
  const bookingsOf = groupBy(bookings, (b) => b.day);
  return datesInRange(scope.from, scope.to).map((date) => {
    const those = visitsOf.get(date) ?? [];
    const booked = countBookings(bookingsOf.get(date) ?? [], { now });
    return {
      date,
      visits: those.length,
      waitMedian: round(describeDistribution(those.map(waitingMinutes).filter(isNumber)).median, 1),
      compliance: round(appointmentCompliance(those, { now })),
      noShowRate: round(noShowRate(booked.due, booked.checkedIn)),
    };
  });
}

/** Rows by key, in their order: one pass, where a filter per day would read the rows 365 times. */
function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string) {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** The charts' figures (core/src/kpi/figures.ts), waits placed at the local hour of the call. */
function chartsOf(visits: Visit[]) {
  const placed = visits.flatMap((v) => {
    const wait = waitingMinutes(v);
    return wait === null || !v.calledAt ? [] : [placeWait(v.calledAt, v.zone, wait)];
  });
  return {
    waitByHour: waitsByHour(placed).map((h) => ({ ...h, waitMedian: round(h.waitMedian, 1) })),
    waitHeatMap: waitHeatMap(placed).map((c) => ({ ...c, waitMedian: round(c.waitMedian, 1) })),
    waitDistribution: histogram(placed.map((p) => p.minutes)),
  };
}

function refilled(refills: Parameters<typeof waitlistRefills>[0]) {
  const r = waitlistRefills(refills);
  return { filled: r.filled, medianMinutesToRebook: round(r.medianMinutesToRebook, 1) };
}
