import type { DashboardKpis, KpiTargets, LiveHall } from '@mawaeed/core/contracts/dashboard';
import {
  histogram,
  type WaitColumns,
  waitHeatMapOf,
  waitlistRefills,
  waitsByHourOf,
} from '@mawaeed/core/kpi/figures';
import {
  complianceRate,
  countBookings,
  describeValues,
  noShowRate,
  rateAgainstTarget,
  satisfactionOf,
  utilisation,
  waitingMinutes,
} from '@mawaeed/core/kpi/formulas';
import { SCORECARD, SCORECARD_KPIS, type ScorecardKpi } from '@mawaeed/core/kpi/targets';
import { addDays, datesInRange, todayIn } from '@mawaeed/core/time/local';
import type { Db, Queryable } from '../../db/client';
import { type Actor, CENTRE_ADMINS, requireStaff, type StaffActor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import type { Audit } from '../audit/service';
import { type Facts, groupBy, readFacts } from './facts';
import * as repo from './repository';
import * as rollup from './rollup-repository';
import { concat, lastSettledDay, type VisitDay } from './visit-days';

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
    const [facts, refills, goal] = await Promise.all([
      readFacts(db, scope, now),
      repo.listWaitlistRefills(db, scope),
      targets(),
    ]);
    const counts = countBookings(facts.bookings, { now });
    const waits = concat(
      facts.days.map((d) => d.waits),
      (n) => new Float64Array(n),
    );
    const cells = concat(
      facts.days.map((d) => d.cells),
      (n) => new Uint8Array(n),
    );
    const services = concat(
      facts.days.map((d) => d.services),
      (n) => new Float64Array(n),
    );
    let serving = 0;
    for (const minutes of services) serving += minutes;
    // Staffed time is per counter, not per service: with a service chosen, utilisation is not defined.
    const used = scope.serviceId ? null : utilisation(serving, facts.staffedMs / MINUTE);
    const charts = chartsOf({ minutes: waits, cells });
    const waiting = describeValues(waits);
    const rated = satisfactionOf(facts.ratings);
    const compliance = complianceRate(sumCompliance(facts.days));
    const values: Record<ScorecardKpi, number | null> = {
      appointmentCompliance: compliance,
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
      visits: facts.days.reduce((n, d) => n + d.visits, 0),
      waitingMinutes: roundDist(waiting),
      serviceMinutes: roundDist(describeValues(services)),
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
      daily: daily(scope, facts, now),
      ...charts,
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

function sumCompliance(days: readonly VisitDay[]) {
  return days.reduce((sum, d) => ({ due: sum.due + d.compliance.due, kept: sum.kept + d.compliance.kept }), {
    due: 0,
    kept: 0,
  });
}

function daily(scope: repo.Scope, facts: Facts, now: Date) {
  const daysOf = groupBy(facts.days, (d) => d.day);
  const bookingsOf = groupBy(facts.bookings, (b) => b.day);
  return datesInRange(scope.from, scope.to).map((date) => {
    const those = daysOf.get(date) ?? [];
    const booked = countBookings(bookingsOf.get(date) ?? [], { now });
    const waits = concat(
      those.map((d) => d.waits),
      (n) => new Float64Array(n),
    );
    return {
      date,
      visits: those.reduce((n, d) => n + d.visits, 0),
      waitMedian: round(describeValues(waits).median, 1),
      compliance: round(complianceRate(sumCompliance(those))),
      noShowRate: round(noShowRate(booked.due, booked.checkedIn)),
    };
  });
}

/** The charts' figures (core/src/kpi/figures.ts), waits placed at the local hour of the call. */
function chartsOf(waits: WaitColumns) {
  return {
    waitByHour: waitsByHourOf(waits).map((h) => ({ ...h, waitMedian: round(h.waitMedian, 1) })),
    waitHeatMap: waitHeatMapOf(waits).map((c) => ({ ...c, waitMedian: round(c.waitMedian, 1) })),
    waitDistribution: histogram(waits.minutes),
  };
}

function refilled(refills: Parameters<typeof waitlistRefills>[0]) {
  const r = waitlistRefills(refills);
  return { filled: r.filled, medianMinutesToRebook: round(r.medianMinutesToRebook, 1) };
}

/**
 * Tells the dashboard's rollup that a ticket of a day already over changed (a late finish, a
 * correction), in the change's own transaction: that day is read from the tickets until
 * rebuilt. A ticket of a recent day costs nothing: those days are always read from the tickets.
 */
export async function noteTicketChanged(tx: Queryable, ticket: { centreId: string; day: string }, now: Date) {
  if (ticket.day <= lastSettledDay(now)) await rollup.markDayChanged(tx, ticket.centreId, ticket.day);
}

/** As noteTicketChanged, for feedback given on a visit: it counts on the visit's local day. */
export async function noteVisitRated(tx: Queryable, visit: { centreId: string; visitedAt: Date }, now: Date) {
  await rollup.markInstantChanged(tx, visit.centreId, visit.visitedAt, lastSettledDay(now));
}
