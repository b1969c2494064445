import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../../server/src/db/client';
import { percentile } from './stats';

const run = promisify(execFile);

/** pgbench of the Debian PostgreSQL 15 package, else the one on PATH, else null. */
export async function findPgbench(): Promise<{ path: string; version: string } | null> {
  for (const path of ['/usr/lib/postgresql/15/bin/pgbench', 'pgbench']) {
    if (path.startsWith('/') && !existsSync(path)) continue;
    try {
      const { stdout } = await run(path, ['--version']);
      return { path, version: stdout.trim() };
    } catch {
      // Not installed under this name: try the next.
    }
  }
  return null;
}

/**
 * The booking schema of shared/reference/performance-ceilings.md §1.2, with only the 10,000
 * slots that booking_random.sql draws from (the reference loads 1,000,000, all but these idle).
 * Capacity is huge, so every transaction takes the success path.
 */
const SCHEMA = [
  `CREATE TABLE slots (
     id int PRIMARY KEY, centre_id int NOT NULL, service_id int NOT NULL,
     starts_at timestamptz NOT NULL, capacity int NOT NULL, booked int NOT NULL DEFAULT 0)`,
  `INSERT INTO slots (id, centre_id, service_id, starts_at, capacity, booked)
   SELECT g, 1 + (g - 1) / 200, 1 + ((g - 1) / 50) % 4,
          timestamptz '2025-01-01 08:00+00' + ((g - 1) % 50) * interval '12 minutes',
          1000000, (random() * 3)::int
   FROM generate_series(1, 10000) g`,
  `CREATE TABLE bookings (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     slot_id int NOT NULL REFERENCES slots(id), customer_id int NOT NULL,
     status text NOT NULL DEFAULT 'confirmed', created_at timestamptz NOT NULL DEFAULT now())`,
  'CREATE INDEX bookings_slot_idx ON bookings(slot_id)',
  'CREATE INDEX slots_lookup_idx ON slots (centre_id, service_id, starts_at)',
  'VACUUM ANALYZE slots',
  'VACUUM ANALYZE bookings',
];

/** booking_random.sql of §1.3: a guarded seat update and a booking insert, on a random slot. */
export const BOOKING_RANDOM_SQL = `\\set id random(1, 10000)
\\set cid random(1, 1000000)
BEGIN;
UPDATE slots SET booked = booked + 1 WHERE id = :id AND booked < capacity RETURNING booked;
INSERT INTO bookings (slot_id, customer_id) VALUES (:id, :cid);
END;
`;

export type PgbenchResult = {
  tps: number;
  transactions: number;
  failed: number;
  p50_ms: number;
  p99_ms: number;
  latency_avg_ms: number;
};

export type PgbenchOptions = { clients: number; threads: number; seconds: number; warmupSeconds: number };

/**
 * booking_random.sql against `url` (an empty database it fills first), as the runner of §1.4
 * does: synchronous_commit on, a short discarded warm-up, CHECKPOINT, then the measured run with
 * per-transaction logs for the percentiles.
 */
export async function runBookingPgbench(
  pgbench: string,
  url: string,
  options: PgbenchOptions,
): Promise<PgbenchResult> {
  return runOneScript(
    pgbench,
    url,
    { name: 'booking_random.sql', text: BOOKING_RANDOM_SQL, setup: SCHEMA },
    options,
  );
}

/** One script in a temporary file, on the tables `setup` makes, through runPgbenchScripts. */
async function runOneScript(
  pgbench: string,
  url: string,
  script: { name: string; text: string; setup: readonly string[] },
  options: PgbenchOptions,
): Promise<PgbenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'mawaeed-pgbench-'));
  try {
    const file = join(dir, script.name);
    await writeFile(file, script.text);
    const [result] = await runPgbenchScripts(pgbench, url, { setup: script.setup, scripts: [file] }, options);
    return result as PgbenchResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Each script in turn against `url` after the `setup` statements: synchronous_commit on, a short
 * discarded warm-up, CHECKPOINT, then the measured run with per-transaction logs (-l) for p50/p99.
 */
export async function runPgbenchScripts(
  pgbench: string,
  url: string,
  work: { setup: readonly string[]; scripts: readonly string[] },
  options: PgbenchOptions,
): Promise<PgbenchResult[]> {
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 1 });
  const dir = await mkdtemp(join(tmpdir(), 'mawaeed-pgbench-'));
  try {
    const pool = database.pool;
    if (!pool) throw new Error('postgres database without a pool');
    for (const statement of work.setup) await pool.query(statement);
    const results: PgbenchResult[] = [];
    for (const [i, script] of work.scripts.entries()) {
      const env = { ...process.env, PGOPTIONS: '-c synchronous_commit=on' };
      const common = ['-n', '-c', String(options.clients), '-j', String(options.threads), '-f', script];
      await run(pgbench, [...common, '-T', String(options.warmupSeconds), url], { env });
      // Only superusers (or pg_checkpoint members) may; the run is still valid without it.
      await pool.query('CHECKPOINT').catch(() => {});
      const prefix = join(dir, `log${i}`);
      const { stdout } = await run(
        pgbench,
        [...common, '-T', String(options.seconds), '-l', `--log-prefix=${prefix}`, url],
        { env },
      );
      results.push(await parseRun(stdout, dir, `log${i}.`));
    }
    return results;
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function parseRun(stdout: string, dir: string, logPrefix: string): Promise<PgbenchResult> {
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
  if (!Number.isFinite(tps) || !Number.isFinite(transactions)) {
    throw new Error(`unexpected pgbench output:\n${stdout}`);
  }
  // Per-transaction log lines: client, transaction number, latency in µs, script, epoch, µs.
  const latencies: number[] = [];
  for (const file of await readdir(dir)) {
    if (!file.startsWith(logPrefix)) continue;
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      const micros = Number(line.split(' ')[2]);
      if (line && Number.isFinite(micros)) latencies.push(micros / 1000);
    }
  }
  latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    tps: Math.round(tps),
    transactions,
    failed,
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    latency_avg_ms: round(latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length),
  };
}

/**
 * The database ceiling of availability: read_free.sql of performance-ceilings.md §1.3 (the free
 * seats of one offering over 30 days, by index) on slots shaped as the app's availability bench
 * is: 10 centres × 4 services × 125 days × 28 slots of 15 minutes, so one count reads 840 slots
 * (the app's 31 days read 663).
 */
const READ_SCHEMA = [
  `CREATE TABLE slots (
     id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, centre_id int NOT NULL, service_id int NOT NULL,
     starts_at timestamptz NOT NULL, capacity int NOT NULL, booked int NOT NULL DEFAULT 0)`,
  `INSERT INTO slots (centre_id, service_id, starts_at, capacity, booked)
   SELECT c, s, timestamptz '2025-01-01 05:00+00' + d * interval '1 day' + k * interval '15 minutes',
          4, (random() * 4)::int
   FROM generate_series(1, 10) c, generate_series(1, 4) s, generate_series(0, 124) d, generate_series(0, 27) k`,
  'CREATE INDEX slots_lookup_idx ON slots (centre_id, service_id, starts_at)',
  'VACUUM ANALYZE slots',
];

export const READ_FREE_SQL = `\\set c random(1, 10)
\\set s random(1, 4)
\\set d random(0, 94)
SELECT count(*) FROM slots
 WHERE centre_id = :c AND service_id = :s
   AND starts_at >= timestamptz '2025-01-01 00:00+00' + :d * interval '1 day'
   AND starts_at <  timestamptz '2025-01-01 00:00+00' + (:d + 30) * interval '1 day'
   AND booked < capacity;
`;

/** read_free.sql against `url` (an empty database it fills first), as runBookingPgbench runs its script. */
export async function runReadPgbench(
  pgbench: string,
  url: string,
  options: PgbenchOptions,
): Promise<PgbenchResult> {
  return runOneScript(
    pgbench,
    url,
    { name: 'read_free.sql', text: READ_FREE_SQL, setup: READ_SCHEMA },
    options,
  );
}
