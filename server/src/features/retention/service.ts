import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import * as repo from './repository';

/** One kind of data that is removed once kept long enough; returns how many rows went. */
export type PurgeStep = { name: string; purge(now: Date): Promise<number> };

export const RETENTION_PURGE = 'retention-purge';

/**
 * The daily retention purge: a list of steps, each owning one kind of data and its rule. The
 * outbox's own steps come built in; other features add theirs with `addStep` in app.ts (the
 * customer file brings its policy that way). Every step runs even when one fails; a failure then
 * fails the run, so the job retries it (each step is a plain delete, safe to run again).
 */
export function createRetention(deps: {
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Days a done job or a sent or skipped message is kept (MAWAEED_OUTBOX_KEEP_DAYS). */
  outboxKeepDays: number;
}) {
  const { db, clock, log } = deps;
  const keepMs = deps.outboxKeepDays * 86_400_000;
  const steps: PurgeStep[] = [
    { name: 'done jobs', purge: (now) => repo.deleteFinishedJobs(db, new Date(now.getTime() - keepMs)) },
    {
      name: 'sent and skipped messages',
      purge: (now) => repo.deleteSettledMessages(db, new Date(now.getTime() - keepMs)),
    },
    {
      name: 'developer inbox',
      purge: (now) => repo.deleteDevDeliveries(db, new Date(now.getTime() - keepMs)),
    },
  ];

  function addStep(step: PurgeStep) {
    if (steps.some((s) => s.name === step.name)) throw new Error(`purge step ${step.name} added twice`);
    steps.push(step);
  }

  /** Runs every step once; returns rows removed per step. */
  async function purge() {
    const removed: Record<string, number> = {};
    const failures: string[] = [];
    for (const step of steps) {
      try {
        removed[step.name] = await step.purge(clock.now());
      } catch (err) {
        failures.push(step.name);
        log.error({ err, step: step.name }, 'retention purge step failed');
      }
    }
    log.info({ removed }, 'retention purge done');
    if (failures.length > 0) throw new Error(`retention purge steps failed: ${failures.join(', ')}`);
    return removed;
  }

  return { addStep, purge, steps: () => steps.map((s) => s.name) };
}
export type Retention = ReturnType<typeof createRetention>;
