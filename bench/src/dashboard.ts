// `npm run bench:dashboard`: a year of history for 10 centres (about 2 million tickets, written
// with INSERT … SELECT generate_series) on a throwaway PostgreSQL database, then the time of the
// dashboard's period queries through the real app (app.inject) for a day … a year, for all
// centres, one centre, one service and one counter, once the rollup is built (timed too). One JSON line per figure, then a table.
import { addDays } from '@mawaeed/core/time/local';
import { generateBulkHistory } from '../../server/src/test/bulk-history';
import { createStaff, signIn } from '../../server/src/test/staff';
import type { TestApp } from '../../server/src/test/test-app';
import { startBenchApp } from './lib/bench-app';
import { withCleanup } from './lib/cleanup';
import { benchPgUrl, createThrowawayPostgres, redactUrl } from './lib/databases';
import { describeEngine, describeMachine, loadAverage } from './lib/machine';
import { printJson, printTable, progress } from './lib/report';
import { summarise } from './lib/stats';
import { envCount, measure } from './lib/timing';

const BENCH = 'dashboard';
/** Saturday 18:00 in Bahrain: the history ends on Friday 27 November 2026. */
const NOW = '2026-11-28T15:00:00Z';
const TODAY = '2026-11-28';
const TARGET_MS = 1_000;
const TICKETS = envCount('BENCH_DASHBOARD_TICKETS', 2_000_000);
const CENTRES = envCount('BENCH_DASHBOARD_CENTRES', 10);
const RUNS = {
  warmup: 1,
  warmupMs: 30_000,
  iterations: envCount('BENCH_DASHBOARD_REPEAT', 5),
  budgetMs: 30_000,
};

const PERIODS = { day: 1, week: 7, month: 30, quarter: 91, year: 365 } as const;

async function main() {
  const machine = describeMachine();
  const pgUrl = benchPgUrl();
  progress(`postgres: creating a throwaway database on ${redactUrl(pgUrl)}`);
  const pg = await createThrowawayPostgres(pgUrl, { prefix: 'mawaeed_dashbench', poolSize: 10 });
  await withCleanup(pg.drop, async () => {
    const { database } = pg;
    progress(`generating ~${TICKETS.toLocaleString('en')} tickets for ${CENTRES} centres over 365 days`);
    const started = performance.now();
    const data = await generateBulkHistory(database.db, {
      tickets: TICKETS,
      days: 365,
      centres: CENTRES,
      today: TODAY,
      log: progress,
    });
    const generationS = Math.round((performance.now() - started) / 100) / 10;
    progress(`generated ${data.tickets} tickets, ${data.bookings} bookings in ${generationS} s`);
    printJson({ bench: BENCH, generated: { ...data, seconds: generationS, centreIds: undefined } });

    const bench = await startBenchApp(database, NOW);
    try {
      // The generator writes around the app, as an import would: the rollup is built as
      // `mawaeed dashboard rollup` builds it, before any query is timed (decision 0021).
      progress('building the dashboard rollup');
      const rollupStarted = performance.now();
      const rollup = await bench.app.dashboardRollup.build();
      const rollupS = Math.round((performance.now() - rollupStarted) / 100) / 10;
      progress(`rolled up ${rollup.days} centre-days in ${rollupS} s`);
      printJson({ bench: BENCH, rollup: { ...rollup, seconds: rollupS } });
      const admin = await createStaff(database.db, { role: 'administrator' });
      const session = await signIn({ app: bench.app } as unknown as TestApp, admin.email);
      const [centreId] = data.centreIds;
      const [serviceId] = data.serviceIds;
      const [counterId] = data.counterIds;
      const scopes: Record<string, string> = {
        'all centres': '',
        'one centre': `&centreId=${centreId}`,
        'one service': `&serviceId=${serviceId}`,
        'one counter': `&centreId=${centreId}&counterId=${counterId}`,
      };
      const rows: (string | number)[][] = [];
      for (const [period, days] of Object.entries(PERIODS)) {
        const from = addDays(data.to, 1 - days);
        for (const [scope, query] of Object.entries(scopes)) {
          const url = `/api/v1/dashboard/kpis?from=${from}&to=${data.to}${query}`;
          let visits = 0;
          const samples = await measure(async () => {
            const res = await bench.app.inject({ url, headers: session.headers });
            if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
            visits = res.json<{ visits: number }>().visits;
          }, RUNS);
          const figure = {
            bench: BENCH,
            route: '/api/v1/dashboard/kpis',
            period,
            scope,
            visits,
            ...summarise(samples),
          };
          printJson(figure);
          progress(`${period} ${scope}: median ${figure.median_ms} ms (${visits} visits)`);
          rows.push([period, scope, visits, figure.median_ms, figure.p95_ms, figure.max_ms, figure.n]);
        }
      }
      // The integrations' booking KPIs (GET /api/v1/kpis): no-show counts per centre.
      for (const [period, days] of Object.entries(PERIODS)) {
        const url = `/api/v1/kpis?from=${addDays(data.to, 1 - days)}&to=${data.to}`;
        const samples = await measure(async () => {
          const res = await bench.app.inject({ url, headers: session.headers });
          if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
        }, RUNS);
        const figure = {
          bench: BENCH,
          route: '/api/v1/kpis',
          period,
          scope: 'all centres',
          ...summarise(samples),
        };
        printJson(figure);
        rows.push([
          `${period} (/kpis)`,
          'all centres',
          '',
          figure.median_ms,
          figure.p95_ms,
          figure.max_ms,
          figure.n,
        ]);
      }
      const version = await describeEngine(database);
      printJson({
        bench: BENCH,
        machine,
        load_1m_after: loadAverage(),
        engines: { postgres: version },
        runs: RUNS,
      });
      console.log('');
      console.log(
        `history: ${data.tickets} tickets, ${data.bookings} bookings, ${CENTRES} centres, ${data.from} to ${data.to}, generated in ${generationS} s, rolled up (${rollup.days} centre-days) in ${rollupS} s`,
      );
      console.log(
        `machine: ${machine.cores} × ${machine.cpu}, ${machine.memory_gib} GiB, Node ${machine.node}, ` +
          `load ${machine.load_1m} before and ${loadAverage()} after; PostgreSQL ${version}`,
      );
      console.log('');
      printTable(['period', 'scope', 'visits', 'median ms', 'p95 ms', 'max ms', 'n'], rows);
      const slow = rows.filter((r) => Number(r[3]) >= TARGET_MS);
      console.log(
        `\ntarget, every period query < ${TARGET_MS} ms: ${slow.length === 0 ? 'met' : `MISSED by ${slow.length} of ${rows.length}`}`,
      );
    } finally {
      await bench.close();
    }
  });
}

await main();
