// `npm run bench:booking`: bookings per second and latency of POST /api/v1/bookings for 64
// concurrent clients over 500 slots, on PostgreSQL and on PGlite, against the pgbench booking
// ceiling measured in the same run. One JSON line per figure, then a table. See bench/README.md.
import type { Availability } from '@mawaeed/core/contracts/catalogue';
import { addDays, todayIn } from '@mawaeed/core/time/local';
import type { Database } from '../../server/src/db/client';
import { createOfferingSetup } from '../../server/src/test/factories';
import { type BenchApp, startBenchApp } from './lib/bench-app';
import { type BookingCheck, checkBookings } from './lib/booking-check';
import { type Answers, runBookingLoad } from './lib/booking-load';
import { withCleanup } from './lib/cleanup';
import {
  benchPgUrl,
  createEmptyPostgres,
  createThrowawayPostgres,
  openMigratedPglite,
  PostgresUnavailable,
  redactUrl,
} from './lib/databases';
import { startMinimalBooking } from './lib/http-load';
import { describeEngine, describeMachine, loadAverage } from './lib/machine';
import { findPgbench, type PgbenchResult, runBookingPgbench } from './lib/pgbench';
import { printJson, printTable, progress } from './lib/report';
import { percentile } from './lib/stats';
import { envCount } from './lib/timing';

const BENCH = 'booking';
/** Saturday 18:00 in Bahrain: the slots booked start on the Sunday after. */
const NOW = '2026-11-28T15:00:00Z';
const SLOTS = 500;
/** 500 slots × 20 seats = 10,000 seats: more than either engine books in the run on this box. */
const OFFERING = { slotMinutes: 15, capacity: envCount('BENCH_BOOKING_CAPACITY', 20) };
const LOAD = {
  clients: envCount('BENCH_BOOKING_CLIENTS', 64),
  warmupMs: 1_000,
  durationMs: envCount('BENCH_BOOKING_SECONDS', 10) * 1_000,
};
const POOL_SIZE = 20;
const PGBENCH = { clients: 8, threads: 2, seconds: envCount('BENCH_PGBENCH_SECONDS', 10), warmupSeconds: 2 };

type AppFigure = {
  bench: string;
  engine: string;
  mode: 'http';
  clients: number;
  seconds: number;
  requests: number;
  created: number;
  slot_full: number;
  other_4xx: number;
  server_errors: number;
  bookings_per_s: number;
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  app_thread_busy: number;
  ratio_to_pgbench: number | null;
  check: BookingCheck & { ok: boolean };
};

/** One centre, one service and one offering, and the first SLOTS bookable slot starts. */
async function seed(bench: BenchApp, database: Database) {
  const { centre, service } = await createOfferingSetup(database.db, {
    service: { minLeadMinutes: 60, maxDaysAhead: 60 },
    offering: OFFERING,
  });
  const from = addDays(todayIn(centre.timeZone, new Date(NOW)), 1);
  const to = addDays(from, 45);
  const path = `/api/v1/centres/${centre.id}/availability?service=${service.id}&from=${from}&to=${to}`;
  const res = await bench.app.inject({ method: 'GET', url: path });
  if (res.statusCode !== 200) throw new Error(`availability answered ${res.statusCode}: ${res.body}`);
  const open = res.json<Availability>().days.flatMap((d) => d.slots.filter((s) => s.remaining > 0));
  const slots = open.slice(0, SLOTS).map((s) => s.start);
  if (slots.length < SLOTS) throw new Error(`only ${slots.length} bookable slots from ${from} to ${to}`);
  return { centreId: centre.id, serviceId: service.id, slots };
}

const sum = (answers: Answers, keep: (key: string) => boolean) =>
  Object.entries(answers).reduce((n, [key, count]) => (keep(key) ? n + count : n), 0);

async function benchEngine(engine: string, database: Database, pgbenchTps: number | null) {
  const bench = await startBenchApp(database, NOW);
  try {
    const workload = await seed(bench, database);
    const url = `${await bench.listen()}/api/v1/bookings`;
    progress(`${engine}: ${LOAD.clients} clients booking for ${LOAD.durationMs / 1000} s after a warm-up`);
    const idle = performance.eventLoopUtilization();
    const result = await runBookingLoad({ url, ...workload, ...LOAD, seed: 2026, firstCpr: 100_000_000 });
    // Share of the run the app's thread was busy: near 1, the app's JavaScript is the bottleneck.
    const busy = performance.eventLoopUtilization(idle).utilization;
    const check = await checkBookings(database);
    const createdAll = (result.warmup['201'] ?? 0) + (result.measured['201'] ?? 0);
    const ok =
      check.confirmed === createdAll &&
      check.seats_taken === createdAll &&
      check.slots_over_capacity === 0 &&
      check.slots_miscounted === 0;

    const { measured } = result;
    const seconds = result.elapsedMs / 1000;
    const requests = sum(measured, () => true);
    const created = measured['201'] ?? 0;
    const latencies = [...result.latenciesMs].sort((a, b) => a - b);
    const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;
    const bookingsPerS = created / seconds;
    const figure: AppFigure = {
      bench: BENCH,
      engine,
      mode: 'http',
      clients: LOAD.clients,
      seconds: round(seconds, 2),
      requests,
      created,
      slot_full: measured['409 SLOT_FULL'] ?? 0,
      other_4xx: sum(measured, (k) => k.startsWith('4') && k !== '409 SLOT_FULL'),
      server_errors: sum(measured, (k) => !k.startsWith('2') && !k.startsWith('4')),
      bookings_per_s: Math.round(bookingsPerS),
      requests_per_s: Math.round(requests / seconds),
      p50_ms: round(percentile(latencies, 50), 2),
      p99_ms: round(percentile(latencies, 99), 2),
      max_ms: round(latencies[latencies.length - 1] ?? 0, 2),
      app_thread_busy: round(busy, 2),
      ratio_to_pgbench: pgbenchTps ? round(bookingsPerS / pgbenchTps, 2) : null,
      check: { ...check, ok },
    };
    printJson(figure);
    const odd = Object.keys({ ...result.warmup, ...measured }).filter(
      (k) => k !== '201' && k !== '409 SLOT_FULL',
    );
    const notes = odd.length > 0 ? [`${engine}: unexpected answers ${JSON.stringify(measured)}`] : [];
    if (!ok) notes.push(`${engine}: the database disagrees with the answers: ${JSON.stringify(check)}`);
    return { figure, notes, version: await describeEngine(database) };
  } finally {
    await bench.close();
  }
}

type MinimalFigure = {
  bookings_per_s: number;
  p50_ms: number;
  p99_ms: number;
  created: number;
  other: number;
};

async function measurePgbench(
  pgUrl: string,
): Promise<{ skipped: string } | { result: PgbenchResult; version: string; minimal: MinimalFigure }> {
  const pgbench = await findPgbench();
  if (!pgbench)
    return { skipped: 'pgbench not found (/usr/lib/postgresql/15/bin or PATH): no ceiling, no ratio' };
  progress(
    `pgbench: booking_random.sql, ${PGBENCH.clients} clients, ${PGBENCH.seconds} s (${pgbench.version})`,
  );
  const scratch = await createEmptyPostgres(pgUrl, { prefix: 'mawaeed_pgbench' });
  return withCleanup(scratch.drop, async () => {
    const result = await runBookingPgbench(pgbench.path, scratch.url, PGBENCH);
    const minimal = await measureMinimalRoute(scratch.url);
    return { result, version: pgbench.version, minimal };
  });
}

/**
 * The HTTP booking ceiling, same run: booking_random.sql's transaction behind a bare Fastify
 * route with a node-postgres pool (performance-ceilings.md §2.1), under the app's own load
 * (the same clients, warm-up and length), on the tables pgbench just used.
 */
async function measureMinimalRoute(databaseUrl: string): Promise<MinimalFigure> {
  progress(`minimal route: ${LOAD.clients} clients for ${LOAD.durationMs / 1000} s`);
  const server = await startMinimalBooking(databaseUrl, POOL_SIZE);
  const result = await withCleanup(server.close, () =>
    runBookingLoad({
      url: server.url,
      centreId: 'none',
      serviceId: 'none',
      slots: ['none'],
      ...LOAD,
      seed: 2026,
      firstCpr: 100_000_000,
    }),
  );
  const created = result.measured['201'] ?? 0;
  const latencies = [...result.latenciesMs].sort((a, b) => a - b);
  const figure = {
    bookings_per_s: Math.round(created / (result.elapsedMs / 1000)),
    p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99_ms: Math.round(percentile(latencies, 99) * 100) / 100,
    created,
    other: sum(result.measured, (k) => k !== '201'),
  };
  printJson({ bench: BENCH, engine: 'fastify+pg', mode: 'minimal_route', clients: LOAD.clients, ...figure });
  return figure;
}

async function main() {
  const machine = describeMachine();
  const notes: string[] = [];
  const apps: Awaited<ReturnType<typeof benchEngine>>[] = [];
  let ceiling: PgbenchResult | undefined;
  let minimal: MinimalFigure | undefined;

  const pgUrl = benchPgUrl();
  progress(`postgres: ${redactUrl(pgUrl)}`);
  try {
    const baseline = await measurePgbench(pgUrl);
    if ('skipped' in baseline) {
      notes.push(baseline.skipped);
      printJson({ bench: BENCH, engine: 'pgbench', skipped: baseline.skipped });
    } else {
      ceiling = baseline.result;
      minimal = baseline.minimal;
      printJson({
        bench: BENCH,
        engine: 'pgbench',
        mode: 'booking_random.sql',
        clients: PGBENCH.clients,
        threads: PGBENCH.threads,
        seconds: PGBENCH.seconds,
        synchronous_commit: 'on',
        ...ceiling,
        version: baseline.version,
      });
    }
    progress('postgres: creating a throwaway database for the app');
    const pg = await createThrowawayPostgres(pgUrl, { prefix: 'mawaeed_bench', poolSize: POOL_SIZE });
    apps.push(await withCleanup(pg.drop, () => benchEngine('postgres', pg.database, ceiling?.tps ?? null)));
  } catch (err) {
    if (!(err instanceof PostgresUnavailable)) throw err;
    const note = `PostgreSQL at ${redactUrl(pgUrl)} unavailable (${err.message}): PGlite figures only`;
    notes.push(note);
    printJson({ bench: BENCH, engine: 'postgres', skipped: note });
  }

  progress('pglite: creating an in-memory database (initdb takes a few seconds)');
  const pglite = await openMigratedPglite();
  apps.push(
    await withCleanup(
      () => pglite.close(),
      () => benchEngine('pglite', pglite, ceiling?.tps ?? null),
    ),
  );

  const engines = Object.fromEntries(apps.map((a) => [a.figure.engine, a.version]));
  const workload = { slots: SLOTS, capacity: OFFERING.capacity, seats: SLOTS * OFFERING.capacity, ...LOAD };
  printJson({
    bench: BENCH,
    machine,
    load_1m_after: loadAverage(),
    engines,
    workload,
    postgres_pool: POOL_SIZE,
    pgbench: PGBENCH,
  });

  console.log('');
  console.log(
    `POST /api/v1/bookings, one offering: ${SLOTS} slots × ${OFFERING.capacity} seats, ` +
      `${LOAD.clients} clients over loopback HTTP, each request a new person on a random slot, ` +
      `${LOAD.durationMs / 1000} s after a ${LOAD.warmupMs / 1000} s warm-up; PostgreSQL pool ${POOL_SIZE}`,
  );
  console.log(
    `machine: ${machine.cores} × ${machine.cpu}, ${machine.memory_gib} GiB, Node ${machine.node}, ` +
      `load ${machine.load_1m} before and ${loadAverage()} after (1-minute average)`,
  );
  for (const [engine, version] of Object.entries(engines)) console.log(`${engine}: ${version}`);
  console.log('');
  const rows: (string | number)[][] = [];
  if (ceiling) {
    rows.push([
      'pgbench',
      `booking_random.sql, ${PGBENCH.clients} clients`,
      ceiling.tps,
      ceiling.tps,
      ceiling.p50_ms,
      ceiling.p99_ms,
      ceiling.transactions,
      '–',
      '–',
      '1.00',
    ]);
  }
  if (minimal && ceiling) {
    rows.push([
      'fastify+pg',
      `the same transaction, bare route, ${LOAD.clients} clients`,
      minimal.bookings_per_s,
      minimal.bookings_per_s,
      minimal.p50_ms,
      minimal.p99_ms,
      minimal.created,
      minimal.other,
      '–',
      (minimal.bookings_per_s / ceiling.tps).toFixed(2),
    ]);
  }
  for (const { figure: f } of apps) {
    rows.push([
      f.engine,
      `app over HTTP, ${f.clients} clients`,
      f.bookings_per_s,
      f.requests_per_s,
      f.p50_ms,
      f.p99_ms,
      f.created,
      f.slot_full + f.other_4xx,
      f.server_errors,
      f.ratio_to_pgbench === null ? '–' : f.ratio_to_pgbench.toFixed(2),
    ]);
  }
  printTable(
    ['engine', 'what', 'bookings/s', 'req/s', 'p50 ms', 'p99 ms', 'booked', '409', '5xx', '÷ pgbench'],
    rows,
  );
  for (const { figure: f } of apps) {
    console.log(
      `${f.engine} database after the run: ${f.check.confirmed} confirmed bookings, ${f.check.seats_taken} seats ` +
        `taken, ${f.check.slots_full} slots full, ${f.check.slots_over_capacity} over capacity, ` +
        `${f.check.slots_miscounted} miscounted: ${f.check.ok ? 'consistent with the answers' : 'INCONSISTENT'}`,
    );
  }
  const pgApp = apps.find((a) => a.figure.engine === 'postgres')?.figure;
  if (minimal && pgApp) {
    const ratio = Math.round((100 * pgApp.bookings_per_s) / minimal.bookings_per_s) / 100;
    printJson({ bench: BENCH, engine: 'postgres', mode: 'ratio_to_minimal_route', ratio });
    console.log(
      `\nthe app on PostgreSQL ÷ the bare route doing booking_random.sql's transaction over HTTP: ${ratio.toFixed(2)}`,
    );
  }
  for (const note of [...notes, ...apps.flatMap((a) => a.notes)]) console.log(`\nnote: ${note}`);
  if (apps.some((a) => !a.figure.check.ok || a.figure.server_errors > 0)) process.exitCode = 1;
}

await main();
