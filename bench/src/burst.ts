// `npm run bench:burst`: issue 10's booking burst. 5,000 distinct people book 500 slots of one
// centre at once (64 clients) against the app running as its own process (server/dist/main.js),
// on PostgreSQL and on PGlite, next to the pgbench booking ceiling and the whole-stack cost of a
// booking measured in the same run; then `npm start` to ready, first start and restart.
// One JSON line per figure, then a table. See bench/README.md.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Availability } from '@mawaeed/core/contracts/catalogue';
import { addDays, todayIn } from '@mawaeed/core/time/local';
import type { Database } from '../../server/src/db/client';
import { openDatabase } from '../../server/src/db/client';
import { migrate } from '../../server/src/db/migrate';
import { ALWAYS_OPEN, createOfferingSetup } from '../../server/src/test/factories';
import { type BookingCheck, checkBookings } from './lib/booking-check';
import { runBookingLoad } from './lib/booking-load';
import { withCleanup } from './lib/cleanup';
import { benchPgUrl, createEmptyPostgres, createThrowawayPostgres, redactUrl } from './lib/databases';
import { describeMachine, loadAverage } from './lib/machine';
import { findPgbench, type PgbenchResult, runBookingPgbench } from './lib/pgbench';
import { seededRandom } from './lib/random';
import { printJson, printTable, progress } from './lib/report';
import { repoRoot, type ServerProcess, startServerProcess } from './lib/server-process';
import { measureStackCost, type StackStep } from './lib/stack-cost';
import { percentile } from './lib/stats';
import { envCount } from './lib/timing';

const BENCH = 'burst';
const PEOPLE = envCount('BENCH_BURST_PEOPLE', 5_000);
const SLOTS = 500;
const SEATS = envCount('BENCH_BURST_SEATS', 2);
const CLIENTS = envCount('BENCH_BURST_CLIENTS', 64);
const INSTANCES = envCount('BENCH_BURST_INSTANCES', 1);
/** Which parts run: the pgbench figures, the burst on each engine, `npm start` (all by default). */
const PARTS = new Set((process.env.BENCH_BURST_PARTS || 'pgbench,postgres,pglite,start').split(','));
const POOL_SIZE = 20;
const PGBENCH = { clients: 8, threads: 2, seconds: envCount('BENCH_PGBENCH_SECONDS', 10), warmupSeconds: 2 };
const STACK = { ...PGBENCH, seconds: envCount('BENCH_STACK_SECONDS', 5), warmupSeconds: 1 };
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/** Every request on a slot chosen so each slot gets PEOPLE / SLOTS of them, in a seeded shuffle. */
function burstOrder(): number[] {
  const order = Array.from({ length: PEOPLE }, (_, i) => i % SLOTS);
  const random = seededRandom(2026);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

async function seedCentre(database: Database) {
  const { centre, service } = await createOfferingSetup(database.db, {
    centre: { weeklyHours: ALWAYS_OPEN },
    service: { minLeadMinutes: 0, maxDaysAhead: 60 },
    offering: { slotMinutes: 15, capacity: SEATS },
  });
  return { centreId: centre.id, serviceId: service.id, timeZone: centre.timeZone };
}

async function firstSlots(url: string, seeded: Awaited<ReturnType<typeof seedCentre>>) {
  const from = addDays(todayIn(seeded.timeZone, new Date()), 1);
  const res = await fetch(
    `${url}/api/v1/centres/${seeded.centreId}/availability?service=${seeded.serviceId}&from=${from}&to=${addDays(from, 13)}`,
  );
  if (res.status !== 200) throw new Error(`availability answered ${res.status}: ${await res.text()}`);
  const open = ((await res.json()) as Availability).days.flatMap((d) =>
    d.slots.filter((s) => s.remaining > 0),
  );
  if (open.length < SLOTS) throw new Error(`only ${open.length} bookable slots`);
  return open.slice(0, SLOTS).map((s) => s.start);
}

function serverEnv(extra: Record<string, string>) {
  return {
    MAWAEED_DEMO: 'off',
    MAWAEED_DATA_KEY: randomBytes(32).toString('hex'),
    MAWAEED_OTP: 'off',
    MAWAEED_CAPTCHA: 'off',
    MAWAEED_RATE_LIMIT: 'off',
    MAWAEED_RELEASE_DELAY: 'off',
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    ...extra,
  };
}

type BurstFigure = Awaited<ReturnType<typeof burst>>;

function summarise(
  engine: string,
  instances: number,
  result: Awaited<ReturnType<typeof runBookingLoad>>,
  servers: ServerProcess[],
  cpuBefore: number[],
  ceiling: number | null,
) {
  const answers = result.measured;
  const seconds = result.elapsedMs / 1000;
  const created = answers['201'] ?? 0;
  const slotFull = answers['409 SLOT_FULL'] ?? 0;
  const latencies = [...result.latenciesMs].sort((a, b) => a - b);
  const cpu = servers.reduce((sum, s, i) => sum + s.cpuSeconds() - (cpuBefore[i] ?? 0), 0);
  const memory = servers.map((s) => s.memory());
  const requestsPerS = PEOPLE / seconds;
  return {
    bench: BENCH,
    engine,
    instances,
    mode: 'http',
    clients: CLIENTS,
    people: PEOPLE,
    seats: SLOTS * SEATS,
    seconds: round(seconds, 2),
    created,
    slot_full: slotFull,
    other_answers: PEOPLE - created - slotFull,
    server_errors: Object.entries(answers).reduce((n, [k, v]) => (/^(5|network)/.test(k) ? n + v : n), 0),
    requests_per_s: Math.round(requestsPerS),
    bookings_per_s: Math.round(created / seconds),
    p50_ms: round(percentile(latencies, 50), 2),
    p99_ms: round(percentile(latencies, 99), 2),
    max_ms: round(latencies.at(-1) ?? 0, 2),
    server_cpu_ms_per_request: round((cpu * 1000) / PEOPLE, 2),
    server_rss_after_mib: memory.map((m) => m.rss_mib),
    server_peak_rss_mib: memory.map((m) => m.peak_rss_mib),
    requests_ratio_to_pgbench: ceiling ? round(requestsPerS / ceiling, 2) : null,
    answers,
  };
}

/**
 * Someone who is not booking: one catalogue read (GET /api/v1/services, a database read) every
 * 20 ms from the bench's main thread, to the first server, until stopped; the latency of each.
 * Shows whether the burst stalls other requests (PGlite runs on the app's thread, issue 10).
 */
function startBystander(serverUrl: string) {
  const latencies: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${serverUrl}/api/v1/services`);
      await res.arrayBuffer();
      if (res.ok) latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      const sorted = latencies.sort((a, b) => a - b);
      if (sorted.length === 0) return { n: 0, p50_ms: null, p99_ms: null, max_ms: null };
      return {
        n: sorted.length,
        p50_ms: round(percentile(sorted, 50), 2),
        p99_ms: round(percentile(sorted, 99), 2),
        max_ms: round(sorted.at(-1) ?? 0, 2),
      };
    },
  };
}

/** The bystander's latency for a second on the idle server: its baseline. */
async function idleBystander(serverUrl: string) {
  const probe = startBystander(serverUrl);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return probe.stop();
}

/** The burst against `servers` (round-robin), then the database checked against the answers. */
async function burst(
  engine: string,
  servers: ServerProcess[],
  slots: string[],
  seeded: { centreId: string; serviceId: string },
  ceiling: number | null,
) {
  progress(
    `${engine}: ${PEOPLE} people, ${CLIENTS} clients, ${servers.length} instance(s), load ${loadAverage()}`,
  );
  const bystanderIdle = await idleBystander(servers[0]?.url ?? '');
  const cpuBefore = servers.map((s) => s.cpuSeconds());
  const urls = servers.map((s) => `${s.url}/api/v1/bookings`);
  const bystander = startBystander(servers[0]?.url ?? '');
  const result = await runBookingLoad({
    url: urls[0] ?? '',
    urls,
    centreId: seeded.centreId,
    serviceId: seeded.serviceId,
    slots,
    order: burstOrder(),
    seed: 2026,
    clients: CLIENTS,
    warmupMs: 0,
    durationMs: 0,
    firstCpr: 200_000_000,
  });
  const bystanderDuring = await bystander.stop();
  return {
    ...summarise(engine, servers.length, result, servers, cpuBefore, ceiling),
    bystander_idle: bystanderIdle,
    bystander_during: bystanderDuring,
  };
}

function verdict(figure: BurstFigure, check: BookingCheck) {
  const ok =
    figure.created === figure.seats &&
    figure.slot_full === PEOPLE - figure.seats &&
    figure.server_errors === 0 &&
    check.confirmed === figure.created &&
    check.seats_taken === figure.created &&
    check.slots_over_capacity === 0 &&
    check.slots_miscounted === 0;
  return { ...figure, check: { ...check, ok } };
}

async function burstOnPostgres(adminUrl: string, ceiling: number | null) {
  const pg = await createThrowawayPostgres(adminUrl, { prefix: 'mawaeed_burst', poolSize: 2 });
  return withCleanup(pg.drop, async () => {
    const seeded = await seedCentre(pg.database);
    const url = (pg.database.pool as unknown as { options: { connectionString: string } }).options
      .connectionString;
    const servers: ServerProcess[] = [];
    try {
      for (let i = 0; i < INSTANCES; i++) {
        servers.push(await startServerProcess(['server/dist/main.js'], serverEnv({ DATABASE_URL: url })));
      }
      const slots = await firstSlots(servers[0]?.url ?? '', seeded);
      const figure = await burst('postgres', servers, slots, seeded, ceiling);
      return verdict(figure, await checkBookings(pg.database));
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
}

async function burstOnPglite(ceiling: number | null) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mawaeed-burst-'));
  const open = () => openDatabase({ engine: 'pglite', dataDir: join(dataDir, 'pglite') });
  try {
    progress('pglite: creating the data directory (initdb and migrations take a few seconds)');
    const seeding = await open();
    await migrate(seeding);
    const seeded = await seedCentre(seeding);
    await seeding.close();
    const server = await startServerProcess(['server/dist/main.js'], serverEnv({ DATA_DIR: dataDir }));
    let figure: BurstFigure;
    try {
      const slots = await firstSlots(server.url, seeded);
      figure = await burst('pglite', [server], slots, seeded, ceiling);
    } finally {
      await server.stop();
    }
    const checking = await open();
    try {
      return verdict(figure, await checkBookings(checking));
    } finally {
      await checking.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `npm start` (scripts/start.mjs: build check, then the server) on an empty DATA_DIR, then again. */
async function measureStarts() {
  const dataDir = mkdtempSync(join(tmpdir(), 'mawaeed-start-'));
  try {
    const starts = [];
    for (const kind of ['first start', 'restart'] as const) {
      progress(`npm start: ${kind}`);
      const server = await startServerProcess(['scripts/start.mjs'], {
        DATA_DIR: dataDir,
        MAWAEED_DEMO: 'on',
      });
      const { peak_rss_mib } = server.memory();
      const code = await server.stop();
      starts.push({
        bench: BENCH,
        engine: 'pglite',
        mode: kind === 'first start' ? 'first_start' : 'restart',
        ready_ms: server.readyMs,
        self_reported_ms: server.selfReportedMs,
        goal_ms: kind === 'first start' ? 15_000 : 3_000,
        peak_rss_mib,
        exit_code: code,
      });
    }
    return starts;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureCeiling(adminUrl: string) {
  const pgbench = await findPgbench();
  if (!pgbench) return null;
  progress(`pgbench: booking_random.sql, ${PGBENCH.clients} clients, ${PGBENCH.seconds} s`);
  const scratch = await createEmptyPostgres(adminUrl, { prefix: 'mawaeed_pgbench' });
  const minimal: PgbenchResult = await withCleanup(scratch.drop, () =>
    runBookingPgbench(pgbench.path, scratch.url, PGBENCH),
  );
  progress(`pgbench: the whole-stack steps, ${STACK.seconds} s each`);
  const stack: StackStep[] = await measureStackCost(pgbench.path, adminUrl, minimal.tps, STACK);
  return { minimal, stack, version: pgbench.version };
}

async function main() {
  const machine = describeMachine();
  const adminUrl = benchPgUrl();
  progress(`postgres: ${redactUrl(adminUrl)}`);
  // The servers run the build, as `npm start` does; it rebuilds only what changed.
  const build = (await import(join(repoRoot, 'scripts', 'build.mjs'))) as { buildAll(): Promise<void> };
  await build.buildAll();
  const ceiling = PARTS.has('pgbench') ? await measureCeiling(adminUrl) : null;
  if (ceiling) {
    printJson({
      bench: BENCH,
      engine: 'pgbench',
      mode: 'booking_random.sql',
      ...PGBENCH,
      ...ceiling.minimal,
      version: ceiling.version,
    });
    for (const step of ceiling.stack)
      printJson({ bench: BENCH, engine: 'pgbench', mode: 'whole_stack', ...STACK, ...step });
  } else {
    printJson({ bench: BENCH, engine: 'pgbench', skipped: 'pgbench not found: no ceiling, no ratio' });
  }
  const tps = ceiling?.minimal.tps ?? null;
  const bursts = [];
  if (PARTS.has('postgres')) bursts.push(await burstOnPostgres(adminUrl, tps));
  if (PARTS.has('pglite')) bursts.push(await burstOnPglite(tps));
  for (const b of bursts) printJson(b);
  const starts = PARTS.has('start') ? await measureStarts() : [];
  for (const s of starts) printJson(s);
  const pgVersion = ceiling?.version ?? 'unknown';
  printJson({
    bench: BENCH,
    machine,
    load_1m_after: loadAverage(),
    pgbench: pgVersion,
    postgres_pool: POOL_SIZE,
  });

  console.log('');
  console.log(
    `Booking burst: ${PEOPLE} people at once on ${SLOTS} slots × ${SEATS} seats of one centre, ${CLIENTS} clients ` +
      `over loopback HTTP to server/dist/main.js (pool ${POOL_SIZE}); pgbench ${PGBENCH.clients} clients, sync commit on`,
  );
  console.log(
    `machine: ${machine.cores} × ${machine.cpu}, Node ${machine.node}, ${pgVersion}, ` +
      `load ${machine.load_1m} before and ${loadAverage()} after (1-minute average)`,
  );
  console.log('');
  const rows: (string | number)[][] = [];
  if (ceiling) {
    const m = ceiling.minimal;
    rows.push(['pgbench booking_random.sql', m.tps, '–', m.p50_ms, m.p99_ms, '–', '–', '–', '1.00']);
    for (const s of ceiling.stack) {
      rows.push([
        `pgbench ${s.script}`,
        s.tps,
        '–',
        s.p50_ms,
        s.p99_ms,
        `${s.added_ms_per_booking >= 0 ? '+' : ''}${s.added_ms_per_booking} ms`,
        '–',
        '–',
        s.ratio_to_minimal.toFixed(2),
      ]);
    }
  }
  for (const f of bursts) {
    rows.push([
      `app burst, ${f.engine}${f.instances > 1 ? ` × ${f.instances}` : ''}`,
      f.requests_per_s,
      f.bookings_per_s,
      f.p50_ms,
      f.p99_ms,
      `${f.created} × 201, ${f.slot_full} × 409, ${f.server_errors} × 5xx`,
      f.server_rss_after_mib.join('/'),
      f.server_peak_rss_mib.join('/'),
      f.requests_ratio_to_pgbench === null ? '–' : f.requests_ratio_to_pgbench.toFixed(2),
    ]);
  }
  printTable(
    [
      'what',
      'tx or req/s',
      'bookings/s',
      'p50 ms',
      'p99 ms',
      'answers / added',
      'RSS after MiB',
      'peak RSS MiB',
      '÷ pgbench',
    ],
    rows,
  );
  console.log('');
  for (const s of starts) {
    console.log(
      `npm start, ${s.mode}: ready in ${s.ready_ms} ms from process start (server says ${s.self_reported_ms} ms; goal ${s.goal_ms} ms), peak RSS ${s.peak_rss_mib} MiB`,
    );
  }
  for (const f of bursts) {
    console.log(
      `${f.engine}: database ${f.check.ok ? 'consistent with the answers' : `INCONSISTENT: ${JSON.stringify(f.check)}`}; server CPU ${f.server_cpu_ms_per_request} ms per request`,
    );
    const by = (b: typeof f.bystander_idle) =>
      `p50 ${b.p50_ms} / p99 ${b.p99_ms} / max ${b.max_ms} ms (n ${b.n})`;
    console.log(
      `${f.engine}: a catalogue read every 20 ms meanwhile: idle ${by(f.bystander_idle)}, during the burst ${by(f.bystander_during)}`,
    );
  }
  if (bursts.some((b) => !b.check.ok) || starts.some((s) => s.exit_code !== 0)) process.exitCode = 1;
}

await main();
