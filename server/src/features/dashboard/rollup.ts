import { addRatings, type RatingTotals } from '@mawaeed/core/kpi/formulas';
import { addDays, datesInRange } from '@mawaeed/core/time/local';
import type { Db, Queryable } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { groupBy } from './facts';
import * as repo from './repository';
import * as rollup from './rollup-repository';
import { encodeCells, encodeMinutes, lastSettledDay, summariseVisits, type Visit } from './visit-days';

/** The daily job's name. */
export const DASHBOARD_ROLLUP = 'dashboard-rollup';

/** Days of one centre built in one transaction: a month is ~20,000 tickets at full scale. */
const BATCH_DAYS = 31;

/**
 * The dashboard's rollup (decision 0021): builds, per centre and local day once it is over, the
 * rows the dashboard reads instead of the tickets, and rebuilds the days a change touched since.
 * Run by the daily job and by `mawaeed dashboard rollup` (data loaded around the app).
 */
export function createDashboardRollup(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** Builds every day that wants it; returns how many centre-days were built. */
  async function build(options: { centreIds?: string[]; log?: (line: string) => void } = {}) {
    const now = clock.now();
    const todo = await rollup.listDaysToBuild(db, lastSettledDay(now), options.centreIds ?? null);
    let built = 0;
    for (const [centreId, days] of groupBy(todo, (d) => d.centreId)) {
      for (const [from, to] of runsOf(days.map((d) => d.day))) {
        built += await db.transaction((tx) => buildDays(tx, centreId, from, to, now));
        options.log?.(`dashboard rollup: centre ${centreId} ${from} … ${to}`);
      }
    }
    return { days: built };
  }

  return { build };
}
export type DashboardRollup = ReturnType<typeof createDashboardRollup>;

/** Consecutive days in runs of at most BATCH_DAYS. */
function runsOf(days: readonly string[]) {
  const runs: [string, string][] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && addDays(last[1], 1) === day && datesInRange(last[0], day).length <= BATCH_DAYS) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

type Row = {
  kind: 'centre' | 'service' | 'counter';
  key: string;
  visits: Visit[];
  staffedMs: number;
  ratings: RatingTotals;
};

async function buildDays(tx: Queryable, centreId: string, from: string, to: string, now: Date) {
  await rollup.clearDays(tx, centreId, from, to);
  const scope = { from, to, centreIds: [centreId] };
  const visits = await repo.listVisits(tx, scope);
  const bookings = await repo.listBookings(tx, scope, now);
  const staffed = await repo.listStaffedDays(tx, scope, now);
  const ratings = await repo.listRatings(tx, scope);

  const rows = new Map<string, Row>();
  const rowOf = (day: string, kind: Row['kind'], key: string) => {
    const id = `${day}|${kind}|${key}`;
    let row = rows.get(id);
    if (!row) {
      row = {
        kind,
        key,
        visits: [],
        staffedMs: 0,
        ratings: { count: 0, performance: 0, organisation: 0, quality: 0, satisfied: 0 },
      };
      rows.set(id, row);
    }
    return row;
  };
  const rowsOf = (day: string, serviceId: string | null, counterId: string | null) => [
    rowOf(day, 'centre', centreId),
    ...(serviceId ? [rowOf(day, 'service', serviceId)] : []),
    ...(counterId ? [rowOf(day, 'counter', counterId)] : []),
  ];
  for (const v of visits) for (const row of rowsOf(v.day, v.serviceId, v.counterId)) row.visits.push(v);
  for (const s of staffed) for (const row of rowsOf(s.day, null, s.counterId)) row.staffedMs += s.ms;
  for (const r of ratings) {
    for (const row of rowsOf(r.day, r.serviceId, r.counterId)) {
      addRatings(row.ratings, r.totals);
    }
  }

  const unrollable = new Set<string>();
  const visitRows: rollup.VisitDayRow[] = [];
  for (const [id, row] of rows) {
    const day = id.slice(0, 10);
    const summary = summariseVisits(day, row.visits, now);
    const waits = encodeMinutes(summary.waits);
    const services = encodeMinutes(summary.services);
    if (waits === null || services === null) {
      unrollable.add(day);
      continue;
    }
    visitRows.push({
      centreId,
      day,
      kind: row.kind,
      key: row.key,
      visits: summary.visits,
      complianceDue: summary.compliance.due,
      complianceKept: summary.compliance.kept,
      waits,
      cells: encodeCells(summary.cells),
      services,
      staffedMs: row.staffedMs,
      rated: row.ratings.count,
      performance: row.ratings.performance,
      organisation: row.ratings.organisation,
      quality: row.ratings.quality,
      satisfied: row.ratings.satisfied,
    });
  }
  // Every booking of a day over has begun: the split by `now` of listBookings is merged.
  const bookingRows = new Map<string, rollup.BookingDayRow>();
  for (const b of bookings) {
    const id = `${b.day}|${b.serviceId}|${b.status}`;
    const row = bookingRows.get(id);
    if (row) {
      row.count += b.count;
      if (b.startsAt > row.startsAt) row.startsAt = b.startsAt;
    } else {
      bookingRows.set(id, {
        centreId,
        day: b.day,
        serviceId: b.serviceId,
        status: b.status,
        count: b.count,
        startsAt: b.startsAt,
      });
    }
  }
  const days = datesInRange(from, to).filter((day) => !unrollable.has(day));
  const kept = new Set(days);
  await rollup.insertDays(tx, {
    days: days.map((day) => ({ centreId, day, builtAt: now })),
    visits: visitRows.filter((r) => kept.has(r.day)),
    bookings: [...bookingRows.values()].filter((r) => kept.has(r.day)),
  });
  return days.length;
}
