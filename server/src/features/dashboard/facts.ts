import { addRatings, type BookingFact, type RatingTotals } from '@mawaeed/core/kpi/formulas';
import { addDays, datesInRange } from '@mawaeed/core/time/local';
import type { Queryable } from '../../db/client';
import * as repo from './repository';
import * as rollup from './rollup-repository';
import { decodeCells, decodeMinutes, lastSettledDay, summariseVisits, type VisitDay } from './visit-days';

/** What the figures of a period are made of, whether read from the rollup or the tickets. */
export type Facts = {
  days: VisitDay[];
  bookings: (BookingFact & { day: string })[];
  staffedMs: number;
  ratings: RatingTotals;
};

/**
 * The facts of a period (decision 0021): days of the rollup that no change touched since it
 * was built, and everything else (recent days, changed days, days not yet built) from the
 * tickets, bookings, sessions and feedback as before. A scope of one service at one counter
 * has no rollup rows: it is read from the tickets.
 */
export async function readFacts(db: Queryable, scope: repo.Scope, now: Date): Promise<Facts> {
  const facts: Facts = {
    days: [],
    bookings: [],
    staffedMs: 0,
    ratings: { count: 0, performance: 0, organisation: 0, quality: 0, satisfied: 0 },
  };
  const rolled = rollupOf(scope);
  const lastDay = [scope.to, lastSettledDay(now)].sort()[0] as string;
  const clean = rolled && lastDay >= scope.from ? await rollup.listCleanDays(db, scope, lastDay) : [];
  const reads: Promise<void>[] = [];
  if (rolled && clean.length > 0) {
    const isClean = new Set(clean.map((d) => `${d.centreId}|${d.day}`));
    reads.push(
      rollup.listVisitDays(db, scope, lastDay, rolled.kind, rolled.key).then((rows) => {
        for (const r of rows) {
          if (!isClean.has(`${r.centreId}|${r.day}`)) continue;
          facts.days.push({
            day: r.day,
            visits: r.visits,
            compliance: { due: r.complianceDue, kept: r.complianceKept },
            waits: decodeMinutes(r.waits),
            cells: decodeCells(r.cells),
            services: decodeMinutes(r.services),
          });
          facts.staffedMs += r.staffedMs;
          addRatings(facts.ratings, {
            count: r.rated,
            performance: r.performance,
            organisation: r.organisation,
            quality: r.quality,
            satisfied: r.satisfied,
          });
        }
      }),
      rollup.listBookingDays(db, scope, lastDay).then((rows) => {
        for (const r of rows) {
          if (!isClean.has(`${r.centreId}|${r.day}`)) continue;
          const status = r.status as BookingFact['status'];
          facts.bookings.push({
            status,
            startsAt: new Date(Number(r.startsAt)),
            count: Number(r.count),
            day: r.day,
          });
        }
      }),
    );
  }
  const raw = clean.length > 0 ? await rawScopes(db, scope, clean) : [scope];
  for (const part of raw) reads.push(readRaw(db, part, now, facts));
  await Promise.all(reads);
  return facts;
}

/** Which rollup rows answer a scope: the centre's, one service's or one counter's. */
function rollupOf(scope: repo.Scope) {
  if (scope.serviceId && scope.counterId) return null;
  if (scope.serviceId) return { kind: 'service' as const, key: scope.serviceId };
  if (scope.counterId) return { kind: 'counter' as const, key: scope.counterId };
  return { kind: 'centre' as const, key: null };
}

async function readRaw(db: Queryable, scope: repo.Scope, now: Date, facts: Facts) {
  const [visits, bookings, staffed, ratings] = await Promise.all([
    repo.listVisits(db, scope),
    repo.listBookings(db, scope, now),
    repo.listStaffedDays(db, scope, now),
    repo.listRatings(db, scope),
  ]);
  for (const [day, those] of groupBy(visits, (v) => v.day)) facts.days.push(summariseVisits(day, those, now));
  facts.bookings.push(...bookings);
  for (const s of staffed) facts.staffedMs += s.ms;
  for (const r of ratings) addRatings(facts.ratings, r.totals);
}

/**
 * The scopes that read the days the rollup does not answer: per centre, each run of such days;
 * centres with the same runs share their queries.
 */
async function rawScopes(
  db: Queryable,
  scope: repo.Scope,
  clean: readonly { centreId: string; day: string }[],
) {
  const centreIds = scope.centreIds ?? (await rollup.listCentreIds(db));
  const cleanOf = groupBy(clean, (d) => d.centreId);
  const dates = datesInRange(scope.from, scope.to);
  const byRuns = new Map<string, { runs: [string, string][]; centreIds: string[] }>();
  for (const centreId of centreIds) {
    const done = new Set((cleanOf.get(centreId) ?? []).map((d) => d.day));
    const runs: [string, string][] = [];
    for (const date of dates) {
      if (done.has(date)) continue;
      const last = runs.at(-1);
      if (last && addDays(last[1], 1) === date) last[1] = date;
      else runs.push([date, date]);
    }
    if (runs.length === 0) continue;
    const key = JSON.stringify(runs);
    const group = byRuns.get(key) ?? { runs, centreIds: [] };
    group.centreIds.push(centreId);
    byRuns.set(key, group);
  }
  return [...byRuns.values()].flatMap((g) =>
    g.runs.map(([from, to]) => ({ ...scope, from, to, centreIds: g.centreIds })),
  );
}

/** Rows by key, in their order: one pass, where a filter per day would read the rows 365 times. */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string) {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
