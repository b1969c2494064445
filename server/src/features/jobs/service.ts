import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Queryable } from '../../db/client';
import type { Clock } from '../../lib/clock';
import * as repo from './repository';
import { describeFailure, nextDailyRun, retryDelayMs } from './rules';

export type JobContext = { jobId: string; attempt: number; now: Date };

/** What a kind of job does. Its payload is JSON; it must be safe to run again after a crash. */
export type JobHandler = {
  run(payload: Record<string, unknown>, ctx: JobContext): Promise<void>;
  /** Once, when the job gives up after its last attempt. */
  onDead?(payload: Record<string, unknown>, error: string): Promise<void>;
  maxAttempts?: number;
};

/** A job run once a day at the configured local time; `dedupe` makes one instance run each day. */
export type DailyJob = { name: string; run(ctx: JobContext & { date: string }): Promise<void> };

export type JobPolicy = {
  leaseMs: number;
  maxAttempts: number;
  backoffMs: number;
  backoffMaxMs: number;
  dailyAt: string;
  dailyZone: string;
};

export type EnqueueOptions = {
  payload?: Record<string, unknown>;
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
};

const DAILY = 'daily';

/**
 * The outbox and its workers. Kinds are registered once (app.ts); `enqueue` takes the caller's
 * transaction so the job commits or rolls back with the change that owes it; `runDueJobs`
 * claims and runs what is due, and is what the worker loop and the tests call.
 */
export function createJobs(deps: {
  db: Db;
  clock: Clock;
  policy: JobPolicy;
  log: FastifyBaseLogger;
  random?: () => number;
  /** Told how each run ended, for the metrics. */
  onFinished?: (kind: string, result: 'done' | 'retry' | 'dead' | 'lost') => void;
}) {
  const { db, clock, policy, log } = deps;
  const random = deps.random ?? Math.random;
  const handlers = new Map<string, JobHandler>();
  const dailyJobs = new Map<string, DailyJob>();

  function register(kind: string, handler: JobHandler) {
    if (handlers.has(kind)) throw new Error(`job kind ${kind} registered twice`);
    handlers.set(kind, handler);
  }

  /** The row `enqueue` writes, for a caller that writes it together with its own (one round trip). */
  function newJob(kind: string, options: EnqueueOptions = {}): repo.NewJob {
    if (!handlers.has(kind)) throw new Error(`unknown job kind ${kind}`);
    const now = clock.now();
    return {
      kind,
      payload: options.payload ?? {},
      runAt: options.runAt ?? now,
      maxAttempts: options.maxAttempts ?? handlers.get(kind)?.maxAttempts ?? policy.maxAttempts,
      dedupeKey: options.dedupeKey ?? null,
      createdAt: now,
    };
  }

  async function enqueue(tx: Queryable, kind: string, options: EnqueueOptions = {}) {
    return repo.insertJob(tx, newJob(kind, options));
  }

  /** Several jobs of one kind in one statement (a booking's reminders). */
  async function enqueueMany(tx: Queryable, kind: string, list: EnqueueOptions[]) {
    if (list.length === 0) return;
    await repo.insertJobs(
      tx,
      list.map((options) => newJob(kind, options)),
    );
  }

  /** Claims due jobs for this worker; exported so tests can play a worker that dies mid-job. */
  async function claim(limit: number) {
    const now = clock.now();
    const token = randomUUID();
    const claimed = await repo.claimDueJobs(db, {
      now,
      leaseUntil: new Date(now.getTime() + policy.leaseMs),
      token,
      limit,
    });
    return claimed.map((job) => ({ ...job, token }));
  }

  type Claimed = Awaited<ReturnType<typeof claim>>[number];
  type Result = 'done' | 'retry' | 'dead' | 'lost';

  async function runOne(job: Claimed): Promise<Result> {
    const handler = handlers.get(job.kind);
    const ref = { id: job.id, token: job.token };
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler.run(job.payload, { jobId: job.id, attempt: job.attempts, now: clock.now() });
      const finished = await repo.finishJob(db, ref, { status: 'done', finishedAt: clock.now() });
      return finished ? 'done' : 'lost';
    } catch (err) {
      const error = describeFailure(err);
      const now = clock.now();
      if (job.attempts >= job.maxAttempts) {
        const finished = await repo.finishJob(db, ref, { status: 'dead', lastError: error, finishedAt: now });
        log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, error }, 'job dead');
        if (finished) await handler?.onDead?.(job.payload, error);
        return finished ? 'dead' : 'lost';
      }
      const runAt = new Date(now.getTime() + retryDelayMs(job.attempts, policy, random()));
      log.info({ jobId: job.id, kind: job.kind, attempts: job.attempts, runAt, error }, 'job will retry');
      return (await repo.finishJob(db, ref, { status: 'pending', runAt, lastError: error }))
        ? 'retry'
        : 'lost';
    }
  }

  /**
   * Runs every job due now, batch after batch, until none is left (jobs that a job enqueues for
   * now run in the same call). Returns how each ended.
   */
  async function runDueJobs(options: { batch?: number; maxBatches?: number } = {}) {
    const counts = { done: 0, retry: 0, dead: 0, lost: 0 };
    const batch = options.batch ?? 20;
    for (let i = 0; i < (options.maxBatches ?? 50); i++) {
      const claimed = await claim(batch);
      const results = await Promise.all(claimed.map(runOne));
      results.forEach((r, j) => {
        counts[r]++;
        deps.onFinished?.(claimed[j]?.kind ?? 'unknown', r);
      });
      if (claimed.length === 0) break;
    }
    return counts;
  }

  function registerDaily(job: DailyJob) {
    dailyJobs.set(job.name, job);
  }

  /** Puts each daily job's next run in the queue; the date in its key stops a second one. */
  async function scheduleDailyJobs(tx: Queryable = db) {
    for (const name of dailyJobs.keys()) {
      const next = nextDailyRun(clock.now(), policy.dailyAt, policy.dailyZone);
      await enqueue(tx, DAILY, {
        payload: { name, date: next.date },
        runAt: next.at,
        dedupeKey: `daily:${name}:${next.date}`,
      });
    }
  }

  register(DAILY, {
    async run(payload, ctx) {
      const name = String(payload.name);
      const job = dailyJobs.get(name);
      if (job) await job.run({ ...ctx, date: String(payload.date) });
      // The next day's run is queued even when this one fails for good, so a bad day never stops the chain.
      await scheduleDailyJobs();
    },
    async onDead() {
      await scheduleDailyJobs();
    },
  });

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  /** The worker loop of this instance: polls every `pollMs` until stopped. */
  function start(pollMs: number) {
    if (!stopped) return;
    stopped = false;
    let first = true;
    const tick = async () => {
      // Daily jobs are queued once at start; from then on each run queues the next.
      const pass = first ? scheduleDailyJobs().then(() => runDueJobs()) : runDueJobs();
      first = false;
      running = pass.catch((err) => log.error({ err }, 'job worker pass failed'));
      await running;
      running = undefined;
      if (!stopped) timer = setTimeout(tick, pollMs);
    };
    timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the pass in flight (graceful shutdown). */
  async function stop() {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  }

  /** A dead job back to the queue, due now, with fresh attempts. */
  async function revive(tx: Queryable, id: string) {
    return repo.reviveJob(tx, id, clock.now());
  }

  return {
    register,
    registerDaily,
    enqueue,
    enqueueMany,
    newJob,
    revive,
    claim,
    runDueJobs,
    scheduleDailyJobs,
    start,
    stop,
  };
}
export type Jobs = ReturnType<typeof createJobs>;
