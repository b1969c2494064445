import { buildApp } from '../app';
import { readConfig } from '../config';
import { systemClock } from '../lib/clock';
import { resolveDataKey } from '../lib/data-key';
import { withDatabase } from './database';

/**
 * Runs the daily retention purge once, now, with exactly the steps the server runs (app.ts adds
 * them): the app is built on the configured database without listening, so nothing else starts.
 * Prints rows removed per step; exit 1 when a step failed (the others still ran).
 */
export async function runRetention(out: (line: string) => void, warn: (line: string) => void) {
  const config = readConfig();
  let dataKey: Buffer;
  try {
    dataKey = resolveDataKey(config);
  } catch (err) {
    warn((err as Error).message);
    return 2;
  }
  return withDatabase(async (database) => {
    const app = await buildApp({
      config: { ...config, logLevel: 'warn' },
      database,
      clock: systemClock,
      dataKey,
    });
    try {
      const removed = await app.retention.purge();
      const width = Math.max(...Object.keys(removed).map((k) => k.length));
      for (const [step, rows] of Object.entries(removed)) out(`${step.padEnd(width)}  ${rows}`);
      out(`Retention purge done: ${Object.values(removed).reduce((a, b) => a + b, 0)} row(s) removed.`);
      return 0;
    } catch (err) {
      warn((err as Error).message);
      return 1;
    } finally {
      await app.close();
    }
  });
}
