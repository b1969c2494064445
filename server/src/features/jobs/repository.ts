import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Queryable, queryRows, runStatement, type Statement } from '../../db/client';
import { type JobStatus, jobs } from '../../db/schema';

export type JobRow = typeof jobs.$inferSelect;
export type NewJob = {
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  maxAttempts: number;
  dedupeKey?: string | null;
  createdAt: Date;
};

/** Adds a job; with a dedupe key already taken, nothing (and undefined comes back). */
export async function insertJob(tx: Queryable, job: NewJob) {
  const [row] = await tx
    .insert(jobs)
    .values(job)
    .onConflictDoNothing({ target: jobs.dedupeKey, where: sql`${jobs.dedupeKey} IS NOT NULL` })
    .returning({ id: jobs.id });
  return row?.id;
}

const INSERT_JOBS: Statement = {
  name: 'jobs_insert_many',
  text: `INSERT INTO jobs (kind, payload, run_at, max_attempts, dedupe_key, created_at)
    SELECT kind, payload, run_at, max_attempts, dedupe_key, created_at
    FROM jsonb_to_recordset($1::jsonb) AS j(kind text, payload jsonb, run_at timestamptz, max_attempts int,
      dedupe_key text, created_at timestamptz)
    ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
};

/**
 * Adds several jobs at once; any whose dedupe key is taken is left out. One statement text
 * whatever the count (the rows travel as one JSON array), so it is prepared once (a booking's reminders).
 */
export async function insertJobs(tx: Queryable, list: NewJob[]) {
  await runStatement(tx, INSERT_JOBS, [JSON.stringify(list.map(jobColumns))]);
}

/** A job as one element of the JSON array that `jsonb_to_recordset` reads into the jobs table. */
export function jobColumns(job: NewJob) {
  return {
    kind: job.kind,
    payload: job.payload,
    run_at: job.runAt.toISOString(),
    max_attempts: job.maxAttempts,
    dedupe_key: job.dedupeKey ?? null,
    created_at: job.createdAt.toISOString(),
  };
}

type ClaimedRow = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
};

/**
 * Takes up to `limit` due jobs for one worker: rows another worker is claiming right now are
 * skipped (SKIP LOCKED), and rows under a live lease are not due. The claim commits at once.
 */
export async function claimDueJobs(
  db: Queryable,
  claim: { now: Date; leaseUntil: Date; token: string; limit: number },
) {
  const rows = await queryRows<ClaimedRow>(
    db,
    sql`WITH due AS (
          SELECT id FROM jobs
          WHERE status = 'pending' AND run_at <= ${claim.now}
            AND (locked_until IS NULL OR locked_until <= ${claim.now})
          ORDER BY run_at
          LIMIT ${claim.limit}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE jobs SET locked_until = ${claim.leaseUntil}, lock_token = ${claim.token},
          attempts = jobs.attempts + 1
        FROM due WHERE jobs.id = due.id
        RETURNING jobs.id, jobs.kind, jobs.payload, jobs.attempts, jobs.max_attempts`,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    payload: r.payload,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
  }));
}

/** Finishes a claimed job, unless its lease was lost to another worker (then false). */
export async function finishJob(
  db: Queryable,
  ref: { id: string; token: string },
  set: { status: JobStatus; runAt?: Date; lastError?: string | null; finishedAt?: Date | null },
) {
  const rows = await db
    .update(jobs)
    .set({ ...set, lockedUntil: null, lockToken: null })
    .where(and(eq(jobs.id, ref.id), eq(jobs.lockToken, ref.token), eq(jobs.status, 'pending')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** A dead job back to the queue with fresh attempts, due now. */
export async function reviveJob(tx: Queryable, id: string, now: Date) {
  const rows = await tx
    .update(jobs)
    .set({ status: 'pending', attempts: 0, runAt: now, lastError: null, finishedAt: null })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'dead')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function findJobs(db: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(jobs).where(inArray(jobs.id, ids));
}

export async function listJobs(db: Queryable, filter: { kind?: string; status?: JobStatus } = {}) {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        filter.kind ? eq(jobs.kind, filter.kind) : undefined,
        filter.status ? eq(jobs.status, filter.status) : undefined,
      ),
    )
    .orderBy(asc(jobs.runAt), desc(jobs.createdAt));
}
