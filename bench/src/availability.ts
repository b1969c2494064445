// `npm run bench:availability`: server time of a 31-day availability query for one offering
// with 30 % of its seats taken, on PGlite and on PostgreSQL, in process (app.inject) and over
// loopback HTTP, one at a time and under concurrency (autocannon), next to the ceilings measured
// in the same run: pgbench's 30-day free-slot count and a hello-world Fastify route.
// One JSON line per figure, then a table. See bench/README.md.
import type { Availability } from '@mawaeed/core/contracts/catalogue';
import { addDays, todayIn } from '@mawaeed/core/time/local';
import type { Database } from '../../server/src/db/client';
import { createOfferingSetup, takeSeats } from '../../server/src/test/factories';
import { type BenchApp, startBenchApp } from './lib/bench-app';
import { withCleanup } from './lib/cleanup';
import {
  benchPgUrl,
  createEmptyPostgres,
  createThrowawayPostgres,
  openMigratedPglite,
  PostgresUnavailable,
  redactUrl,
} from './lib/databases';
import { type HttpLoadResult, runAutocannon, startHelloWorld } from './lib/http-load';
import { describeEngine, describeMachine, loadAverage } from './lib/machine';
import { findPgbench, type PgbenchResult, runReadPgbench } from './lib/pgbench';
import { pickIndices, seededRandom } from './lib/random';
import { type Figure, printJson, printTable, progress } from './lib/report';
import { summarise } from './lib/stats';
import { envCount, measure } from './lib/timing';

const BENCH = 'availability';
/** Saturday 18:00 in Bahrain: the 31 days asked for start on the Sunday after. */
const NOW = '2026-11-28T15:00:00Z';
const DAYS = 31;
const TAKEN_SHARE = 0.3;
/** Government hours, 15-minute slots, 4 counters: 28 or 29 slots a working day. */
const OFFERING = { slotMinutes: 15, capacity: 4 };
const TARGET_MEDIAN_MS = 10;
const RUNS = {
  warmup: envCount('BENCH_WARMUP', 50),
  warmupMs: 1_500,
  iterations: envCount('BENCH_ITERATIONS', 500),
  // Four measured series must fit in about a minute with start-up, even when a query is slow.
  budgetMs: 7_000,
};
/** Concurrent availability requests (autocannon), and the same for the hello-world ceiling. */
const HTTP_LOAD = {
  connections: envCount('BENCH_AVAILABILITY_CONNECTIONS', 10),
  seconds: envCount('BENCH_AVAILABILITY_SECONDS', 5),
  warmupSeconds: 1,
};
const PGBENCH = { clients: 8, threads: 2, seconds: envCount('BENCH_PGBENCH_SECONDS', 10), warmupSeconds: 2 };
const TARGET_P99_MS = 20;

type Workload = { path: string; days: number; slots: number; seats: number; taken: number; bytes: number };

async function fetchAvailability(bench: BenchApp, path: string) {
  const res = await bench.app.inject({ method: 'GET', url: path });
  if (res.statusCode !== 200) throw new Error(`GET ${path} answered ${res.statusCode}: ${res.body}`);
  return { body: res.json<Availability>(), bytes: res.rawPayload.length };
}

/** One offering bookable for the whole range, then TAKEN_SHARE of its seats taken at random. */
async function seed(bench: BenchApp, database: Database): Promise<Workload> {
  const { centre, service, offering } = await createOfferingSetup(database.db, {
    service: { minLeadMinutes: 60, maxDaysAhead: DAYS },
    offering: OFFERING,
  });
  const from = addDays(todayIn(centre.timeZone, new Date(NOW)), 1);
  const to = addDays(from, DAYS - 1);
  const path = `/api/v1/centres/${centre.id}/availability?service=${service.id}&from=${from}&to=${to}`;

  // The empty answer lists every slot and its capacity: the load follows the app's own slots.
  const empty = await fetchAvailability(bench, path);
  const slots = empty.body.days.flatMap((d) => d.slots);
  const seatSlot = slots.flatMap((s, i) => Array.from({ length: s.remaining }, () => i));
  const taken = Math.round(seatSlot.length * TAKEN_SHARE);
  const perSlot = new Map<number, number>();
  for (const seat of pickIndices(seatSlot.length, taken, seededRandom(2026))) {
    const slot = seatSlot[seat] as number;
    perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
  }
  for (const [i, booked] of perSlot) {
    const slot = slots[i];
    if (slot) await takeSeats(database.db, offering.id, new Date(slot.start), booked, slot.remaining);
  }

  const loaded = await fetchAvailability(bench, path);
  const remaining = loaded.body.days.flatMap((d) => d.slots).reduce((sum, s) => sum + s.remaining, 0);
  const openDays = empty.body.days.filter((d) => d.open).length;
  if (loaded.body.days.length !== DAYS || remaining !== seatSlot.length - taken || openDays === 0) {
    throw new Error(`unexpected answer: ${loaded.body.days.length} days, ${remaining} seats remaining`);
  }
  return { path, days: DAYS, slots: slots.length, seats: seatSlot.length, taken, bytes: loaded.bytes };
}

async function benchEngine(engine: string, database: Database) {
  const bench = await startBenchApp(database, NOW);
  try {
    const workload = await seed(bench, database);
    progress(`${engine}: ${workload.taken} seats taken in ${workload.slots} slots; measuring`);
    const figure = (mode: string, samples: number[]): Figure => ({
      bench: BENCH,
      engine,
      mode,
      ...summarise(samples),
    });

    const inject = await measure(async () => {
      const res = await bench.app.inject({ method: 'GET', url: workload.path });
      if (res.statusCode !== 200) throw new Error(`inject answered ${res.statusCode}`);
    }, RUNS);

    const base = await bench.listen();
    bench.recording = true;
    const http = await measure(async () => {
      const res = await fetch(base + workload.path);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP answered ${res.status}`);
    }, RUNS);
    // Fastify's own time for the measured HTTP requests (the warm-up ones come first).
    const handler = bench.handlerTimes.slice(-http.length);

    const figures = [figure('inject', inject), figure('http', http), figure('handler', handler)];
    for (const f of figures) printJson(f);
    bench.recording = false;
    progress(`${engine}: ${HTTP_LOAD.connections} connections for ${HTTP_LOAD.seconds} s (autocannon)`);
    const concurrent = await runAutocannon(base + workload.path, HTTP_LOAD);
    printJson({ bench: BENCH, engine, mode: 'autocannon', ...HTTP_LOAD, ...concurrent });
    const answer = (await bench.app.inject({ method: 'GET', url: workload.path })).body;
    return { figures, concurrent, workload, answer, version: await describeEngine(database) };
  } finally {
    await bench.close();
  }
}

/** pgbench's read_free.sql on a scratch database: the database ceiling of this bench. */
async function measureReadCeiling(pgUrl: string): Promise<PgbenchResult | null> {
  const pgbench = await findPgbench();
  if (!pgbench) return null;
  progress(`pgbench: read_free.sql, ${PGBENCH.clients} clients, ${PGBENCH.seconds} s (${pgbench.version})`);
  const scratch = await createEmptyPostgres(pgUrl, { prefix: 'mawaeed_pgbench' });
  const result = await withCleanup(scratch.drop, () => runReadPgbench(pgbench.path, scratch.url, PGBENCH));
  printJson({ bench: BENCH, engine: 'pgbench', mode: 'read_free.sql', ...PGBENCH, ...result });
  return result;
}

/**
 * The availability answer itself, sent from memory by the hello-world app under the same load:
 * what HTTP alone costs for an answer of that size (a cache that never read the database could
 * at best reach it).
 */
async function measureSameAnswer(answer: string): Promise<HttpLoadResult> {
  progress(`the same answer from memory: ${HTTP_LOAD.connections} connections for ${HTTP_LOAD.seconds} s`);
  const server = await startHelloWorld({ answer });
  const result = await withCleanup(server.close, () => runAutocannon(server.answerUrl, HTTP_LOAD));
  printJson({ bench: BENCH, engine: 'fastify', mode: 'same_answer_from_memory', ...HTTP_LOAD, ...result });
  return result;
}

/** The hello-world route under the same autocannon load: the HTTP ceiling of this bench. */
async function measureHelloWorld(): Promise<HttpLoadResult> {
  progress(`hello world: ${HTTP_LOAD.connections} connections for ${HTTP_LOAD.seconds} s (autocannon)`);
  const hello = await startHelloWorld();
  const result = await withCleanup(hello.close, () => runAutocannon(hello.url, HTTP_LOAD));
  printJson({ bench: BENCH, engine: 'fastify', mode: 'hello_world', ...HTTP_LOAD, ...result });
  return result;
}

async function main() {
  const machine = describeMachine();
  const results: Awaited<ReturnType<typeof benchEngine>>[] = [];
  const notes: string[] = [];
  const hello = await measureHelloWorld();
  let readCeiling: PgbenchResult | null = null;

  progress('pglite: creating an in-memory database (initdb takes a few seconds)');
  const pglite = await openMigratedPglite();
  results.push(
    await withCleanup(
      () => pglite.close(),
      () => benchEngine('pglite', pglite),
    ),
  );

  const pgUrl = benchPgUrl();
  progress(`postgres: creating a throwaway database on ${redactUrl(pgUrl)}`);
  try {
    readCeiling = await measureReadCeiling(pgUrl);
    if (!readCeiling)
      notes.push('pgbench not found (/usr/lib/postgresql/15/bin or PATH): no database ceiling');
    const pg = await createThrowawayPostgres(pgUrl, { prefix: 'mawaeed_bench', poolSize: 10 });
    results.push(await withCleanup(pg.drop, () => benchEngine('postgres', pg.database)));
  } catch (err) {
    if (!(err instanceof PostgresUnavailable)) throw err;
    const note = `PostgreSQL at ${redactUrl(pgUrl)} unavailable (${err.message}): PGlite figures only`;
    notes.push(note);
    printJson({ bench: BENCH, engine: 'postgres', skipped: note });
  }

  const lastAnswer = results.at(-1)?.answer;
  const sameAnswer = lastAnswer === undefined ? null : await measureSameAnswer(lastAnswer);
  const engines = Object.fromEntries(results.map((r) => [r.figures[0]?.engine, r.version]));
  const workload = results[0]?.workload;
  printJson({ bench: BENCH, machine, load_1m_after: loadAverage(), engines, workload, runs: RUNS });

  console.log('');
  if (workload) {
    const share = ((100 * workload.taken) / workload.seats).toFixed(1);
    console.log(
      `availability of ${workload.days} days, one offering: ${workload.slots} slots, ` +
        `${workload.taken} of ${workload.seats} seats taken (${share} %), ${Math.round(workload.bytes / 1024)} KiB answer`,
    );
  }
  console.log(
    `machine: ${machine.cores} × ${machine.cpu}, ${machine.memory_gib} GiB, Node ${machine.node}, ` +
      `load ${machine.load_1m} before and ${loadAverage()} after (1-minute average)`,
  );
  for (const [engine, version] of Object.entries(engines)) console.log(`${engine}: ${version}`);
  console.log('');
  printTable(
    ['engine', 'mode', 'median ms', 'p95 ms', 'min ms', 'max ms', 'n'],
    results.flatMap((r) =>
      r.figures.map((f) => [f.engine, f.mode, f.median_ms, f.p95_ms, f.min_ms, f.max_ms, f.n]),
    ),
  );
  console.log('');
  const ratio = (n: number, ceiling: number | undefined) => (ceiling ? (n / ceiling).toFixed(2) : '–');
  const concurrentRows: (string | number)[][] = [
    ['fastify', 'hello world', hello.requests_per_s, hello.p50_ms, hello.p99_ms, '1.00', '–'],
  ];
  if (sameAnswer) {
    concurrentRows.push([
      'fastify',
      'the same answer from memory',
      sameAnswer.requests_per_s,
      sameAnswer.p50_ms,
      sameAnswer.p99_ms,
      ratio(sameAnswer.requests_per_s, hello.requests_per_s),
      '–',
    ]);
  }
  if (readCeiling) {
    concurrentRows.push([
      'pgbench',
      `read_free.sql, ${PGBENCH.clients} clients`,
      readCeiling.tps,
      readCeiling.p50_ms,
      readCeiling.p99_ms,
      '–',
      '1.00',
    ]);
  }
  for (const r of results) {
    const c = r.concurrent;
    concurrentRows.push([
      r.figures[0]?.engine ?? '?',
      `availability, ${HTTP_LOAD.connections} connections`,
      c.requests_per_s,
      c.p50_ms,
      c.p99_ms,
      ratio(c.requests_per_s, hello.requests_per_s),
      ratio(c.requests_per_s, readCeiling?.tps),
    ]);
    printJson({
      bench: BENCH,
      engine: r.figures[0]?.engine,
      mode: 'ratios',
      ratio_to_hello_world: Number(ratio(c.requests_per_s, hello.requests_per_s)),
      ratio_to_pgbench_read: readCeiling ? Number(ratio(c.requests_per_s, readCeiling.tps)) : null,
      ratio_to_same_answer_from_memory: sameAnswer
        ? Number(ratio(c.requests_per_s, sameAnswer.requests_per_s))
        : null,
    });
  }
  printTable(
    ['engine', 'what', 'req/s', 'p50 ms', 'p99 ms', '÷ hello world', '÷ pgbench read'],
    concurrentRows,
  );
  const pgConcurrent = results.find((r) => r.figures[0]?.engine === 'postgres')?.concurrent;
  if (pgConcurrent) {
    console.log(
      `goal, PostgreSQL (every answer backed by a read of the seats begun after it was asked): ` +
        `≥ 0.5 × pgbench read (${ratio(pgConcurrent.requests_per_s, readCeiling?.tps)}), ` +
        `p99 < ${TARGET_P99_MS} ms (${pgConcurrent.p99_ms} ms at ${HTTP_LOAD.connections} connections)`,
    );
  }
  const pgFigures = results.find((r) => r.figures[0]?.engine === 'postgres')?.figures ?? [];
  if (pgFigures.length > 0) {
    const verdicts = pgFigures.map(
      (f) => `${f.mode} ${f.median_ms} ms ${f.median_ms < TARGET_MEDIAN_MS ? 'met' : 'MISSED'}`,
    );
    console.log(`\ntarget, PostgreSQL median < ${TARGET_MEDIAN_MS} ms: ${verdicts.join(', ')}`);
  }
  for (const note of notes) console.log(`\nnote: ${note}`);
}

await main();
