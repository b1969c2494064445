import { randomBytes } from 'node:crypto';
import { type AppDeps, buildApp } from '../app';
import { type Config, readConfig } from '../config';
import { fixedClock } from '../lib/clock';
import { createTestDatabase } from './database';

/** Sunday 29 November 2026, 09:00 in Bahrain: the default "now" of service tests. */
export const TEST_NOW = '2026-11-29T06:00:00Z';

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
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const dataKey = randomBytes(32);
  const app = await buildApp({
    captchaDifficulty: { cost: 10, minCounter: 5, maxCounter: 20 },
    config,
    database,
    clock,
    dataKey,
    ...(options.logStream ? { logStream: options.logStream } : {}),
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
