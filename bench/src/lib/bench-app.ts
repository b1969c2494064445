import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type App, buildApp } from '../../../server/src/app';
import { readConfig } from '../../../server/src/config';
import type { Database } from '../../../server/src/db/client';
import { fixedClock } from '../../../server/src/lib/clock';

export type BenchApp = {
  app: App;
  /** Fastify's own time per answered request (reply.elapsedTime, ms), while `recording` is on. */
  handlerTimes: number[];
  recording: boolean;
  /** Listen on an ephemeral loopback port; the base URL, e.g. http://127.0.0.1:41234. */
  listen(): Promise<string>;
  close(): Promise<void>;
};

/**
 * The real app on `database` with a clock that stands at `now`, silent logs, and OTP, captcha,
 * rate limits and the release delay off, as the design asks of benchmarks.
 */
export async function startBenchApp(database: Database, now: string): Promise<BenchApp> {
  const config = readConfig({
    MAWAEED_OTP: 'off',
    MAWAEED_CAPTCHA: 'off',
    MAWAEED_RATE_LIMIT: 'off',
    MAWAEED_RELEASE_DELAY: 'off',
    LOG_LEVEL: 'silent',
  });
  // A fresh key seals the CPRs of each run: nothing the bench writes outlives it.
  const deps = { config, database, clock: fixedClock(now), dataKey: randomBytes(32) };
  const app = await buildApp(deps);
  const bench: BenchApp = {
    app,
    handlerTimes: [],
    recording: false,
    async listen() {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as AddressInfo;
      return `http://127.0.0.1:${port}`;
    },
    close: () => app.close(),
  };
  app.addHook('onResponse', async (_req, reply) => {
    if (bench.recording) bench.handlerTimes.push(reply.elapsedTime);
  });
  await app.ready();
  return bench;
}
