import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmptyPostgres } from './databases';
import { type PgbenchOptions, type PgbenchResult, runPgbenchScripts } from './pgbench';
import { repoRoot } from './server-process';

const SQL_DIR = join(repoRoot, 'bench', 'sql');

export type StackStep = PgbenchResult & {
  script: string;
  /** What the script's first line says it adds. */
  adds: string;
  ratio_to_minimal: number;
  /** Database time per booking this step adds over the one before, at this concurrency: Δ(1000 / tps). */
  added_ms_per_booking: number;
};

/**
 * The whole-stack cost of a booking in the database alone: bench/sql/stack_<n>_*.sql, each the one
 * before plus one more write of the app's booking (seat and booking row, person, token and history,
 * outbox, idempotency key, schedule lock), on tables shaped as the app's (stack-schema.sql), each
 * measured as pgbench measures the minimal booking_random.sql whose tps is `minimalTps`.
 */
export async function measureStackCost(
  pgbench: string,
  adminUrl: string,
  minimalTps: number,
  options: PgbenchOptions,
): Promise<StackStep[]> {
  const scripts = readdirSync(SQL_DIR)
    .filter((f) => /^stack_\d+_.*\.sql$/.test(f))
    .sort();
  const schema = readFileSync(join(SQL_DIR, 'stack-schema.sql'), 'utf8')
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^--.*$/gm, '').trim())
    .filter(Boolean);
  const scratch = await createEmptyPostgres(adminUrl, { prefix: 'mawaeed_stack' });
  try {
    const results = await runPgbenchScripts(
      pgbench,
      scratch.url,
      { setup: schema, scripts: scripts.map((f) => join(SQL_DIR, f)) },
      options,
    );
    let previousTps = minimalTps;
    return results.map((result, i) => {
      const script = scripts[i] ?? '';
      const adds = /^--\s*(.*)$/m.exec(readFileSync(join(SQL_DIR, script), 'utf8'))?.[1] ?? '';
      const step: StackStep = {
        script,
        adds,
        ...result,
        ratio_to_minimal: Math.round((result.tps / minimalTps) * 100) / 100,
        added_ms_per_booking: Math.round((1000 / result.tps - 1000 / previousTps) * 1000) / 1000,
      };
      previousTps = result.tps;
      return step;
    });
  } finally {
    await scratch.drop();
  }
}
