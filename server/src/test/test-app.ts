import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pino from 'pino';
import { type AppDeps, buildApp } from '../app';
import { type Config, readConfig } from '../config';
import { openDatabase } from '../db/client';
import { fixedClock } from '../lib/clock';
import { createTestDatabase } from './database';

/** Sunday 29 November 2026, 09:00 in Bahrain: the default "now" of service tests. */
export const TEST_NOW = '2026-11-29T06:00:00Z';

/**
 * `npm run test:pg` sets this: every test app then logs at debug level into one file per test
 * process there, and the run fails if any line holds a CPR or a phone number (security/scan-logs).
 */
const LOG_DIR = process.env.MAWAEED_TEST_LOG_DIR;
let sharedLog: pino.DestinationStream | undefined;
function runLog() {
  sharedLog ??= pino.destination({
    dest: join(LOG_DIR ?? '.', `${process.pid}.ndjson`),
    append: true,
    sync: true,
  });
  return sharedLog;
}

/**
 * The app on a fresh database with a fixed clock, OTP, captcha, rate limits and the release
 * delay off unless a test turns them on.
 */
export async function buildTestApp(
  options: {
    now?: string;
    env?: Record<string, string>;
    poolSize?: number;
    logStream?: AppDeps['logStream'];
    /** The jitter of retry delays: halfway by default, so delays are exactly 3/4 of the backoff. */
    random?: () => number;
    transports?: AppDeps['transports'];
  } = {},
) {
  const database = await createTestDatabase({ poolSize: options.poolSize });
  const clock = fixedClock(options.now ?? TEST_NOW);
  const config: Config = readConfig({
    MAWAEED_OTP: 'off',
    MAWAEED_CAPTCHA: 'off',
    MAWAEED_RATE_LIMIT: 'off',
    MAWAEED_RELEASE_DELAY: 'off',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? (LOG_DIR ? 'debug' : 'silent'),
    ...options.env,
  });
  const dataKey = randomBytes(32);
  const app = await buildApp({
    captchaDifficulty: { cost: 10, minCounter: 5, maxCounter: 20 },
    config,
    database,
    clock,
    dataKey,
    ...(options.logStream ? { logStream: options.logStream } : LOG_DIR ? { logStream: runLog() } : {}),
    random: options.random ?? (() => 0.5),
    ...(options.transports ? { transports: options.transports } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    clock,
    config,
    dataKey,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/**
 * A second instance beside `t`: the same configuration, clock and data key on another connection
 * pool to the same database, as a second server process would be.
 */
export async function buildPeerApp(
  t: TestApp,
  database: AppDeps['database'],
  extra: Pick<AppDeps, 'transports' | 'random'> = {},
) {
  const app = await buildApp({
    config: t.config,
    database,
    clock: t.clock,
    dataKey: t.dataKey,
    ...(LOG_DIR ? { logStream: runLog() } : {}),
    ...extra,
  });
  await app.ready();
  return app;
}

/**
 * buildPeerApp on a pool of its own to `t`'s PostgreSQL database, as a second server process
 * would run; close() stops the app, then its pool.
 */
export async function openPeerInstance(t: TestApp, poolSize = 5) {
  const url = (t.database.pool as unknown as { options: { connectionString: string } }).options
    .connectionString;
  const database = await openDatabase({ engine: 'postgres', url, poolSize });
  const app = await buildPeerApp(t, database);
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
