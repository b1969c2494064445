import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { jobs as jobsTable } from '../../db/schema';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';
import * as repo from './repository';

let t: TestApp;
const runs: string[] = [];
let failuresLeft = 0;
const deadLetters: string[] = [];

beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_JOBS_MAX_ATTEMPTS: '3', MAWAEED_JOBS_BACKOFF_MS: '30000' } });
  t.app.jobs.register('test.note', {
    async run(payload) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('gateway said no');
      }
      runs.push(String(payload.note));
    },
    async onDead(payload, error) {
      deadLetters.push(`${payload.note}: ${error}`);
    },
  });
});
afterAll(() => t.close());
beforeEach(async () => {
  runs.length = 0;
  deadLetters.length = 0;
  failuresLeft = 0;
  t.clock.set(TEST_NOW);
  await t.db.delete(jobsTable);
});

const enqueue = (note: string, runAt?: Date) =>
  t.app.jobs.enqueue(t.db, 'test.note', { payload: { note }, ...(runAt ? { runAt } : {}) });

async function jobOf(note: string) {
  const rows = await repo.listJobs(t.db, { kind: 'test.note' });
  const row = rows.find((r) => r.payload.note === note);
  if (!row) throw new Error(`no job ${note}`);
  return row;
}

describe('the outbox', () => {
  it('keeps no job when the transaction that wrote it rolls back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await t.app.jobs.enqueue(tx, 'test.note', { payload: { note: 'rolled back' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await repo.listJobs(t.db)).toEqual([]);
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 0 });
  });

  it('runs a due job once, and a scheduled one only when its time comes', async () => {
    await enqueue('now');
    await enqueue('later', new Date(t.clock.now().getTime() + 60 * 60_000));
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 1 });
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 0 });
    expect(runs).toEqual(['now']);
    t.clock.advance(60);
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 1 });
    expect(runs).toEqual(['now', 'later']);
    expect((await jobOf('later')).status).toBe('done');
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/mawaeed_jobs_total\{kind="test.note",result="done"\} [1-9]/);
  });

  it('refuses a kind nobody registered', async () => {
    await expect(t.app.jobs.enqueue(t.db, 'no.such.kind')).rejects.toThrow(/unknown job kind/);
  });

  it('retries a failing job with exponential backoff, then succeeds once', async () => {
    failuresLeft = 2;
    await enqueue('flaky');
    const start = t.clock.now().getTime();
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ retry: 1 });
    // Attempt 1 failed: 30 s · 2^0, jitter halfway → 22.5 s.
    expect((await jobOf('flaky')).runAt.getTime() - start).toBe(22_500);
    expect((await jobOf('flaky')).lastError).toBe('Error: gateway said no');
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ retry: 0, done: 0 });
    t.clock.set(new Date(start + 22_500));
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ retry: 1 });
    // Attempt 2 failed: 30 s · 2^1 → 45 s.
    expect((await jobOf('flaky')).runAt.getTime() - (start + 22_500)).toBe(45_000);
    t.clock.set(new Date(start + 67_500));
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 1 });
    expect(runs).toEqual(['flaky']);
    expect(await jobOf('flaky')).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('gives up after the configured attempts: dead, reported once, never run again', async () => {
    failuresLeft = 99;
    await enqueue('hopeless');
    for (let i = 0; i < 3; i++) {
      await t.app.jobs.runDueJobs();
      t.clock.advance(24 * 60);
    }
    expect(await jobOf('hopeless')).toMatchObject({ status: 'dead', attempts: 3 });
    expect(deadLetters).toEqual(['hopeless: Error: gateway said no']);
    t.clock.advance(24 * 60);
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 0, retry: 0, dead: 0 });
  });

  it('delivers once after a worker dies holding a job: the lease lapses, another worker runs it', async () => {
    await enqueue('orphan');
    const [claimed] = await t.app.jobs.claim(10); // this "worker" crashes here
    expect(claimed?.payload.note).toBe('orphan');
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 0 });
    t.clock.advance(5); // the default lease is 5 minutes
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 1 });
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 0 });
    expect(runs).toEqual(['orphan']);
  });
});

describe('daily jobs', () => {
  it('run once a day at the configured local time, whatever the number of instances', async () => {
    const days: string[] = [];
    t.app.jobs.registerDaily({ name: 'test-daily', run: async ({ date }) => void days.push(date) });
    // Two instances starting: one queued run for tomorrow 03:00 Bahrain.
    await t.app.jobs.scheduleDailyJobs();
    await t.app.jobs.scheduleDailyJobs();
    const queued = await queryRows<{ dedupe_key: string; run_at: Date }>(
      t.db,
      sql`SELECT dedupe_key, run_at FROM jobs WHERE dedupe_key LIKE 'daily:test-daily:%'`,
    );
    expect(queued.map((q) => q.dedupe_key)).toEqual(['daily:test-daily:2026-11-30']);
    t.clock.set('2026-11-30T00:00:00Z');
    await t.app.jobs.runDueJobs();
    await t.app.jobs.runDueJobs();
    expect(days).toEqual(['2026-11-30']);
    t.clock.set('2026-12-01T00:00:00Z');
    await t.app.jobs.runDueJobs();
    expect(days).toEqual(['2026-11-30', '2026-12-01']);
  });
});
