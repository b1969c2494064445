import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { captchaUses, devInbox, idempotencyKeys, jobs, messages, verifications } from '../../db/schema';
import { createStaff, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_OUTBOX_KEEP_DAYS: '2' } });
});
afterAll(() => t.close());

const hoursAgo = (h: number) => new Date(t.clock.now().getTime() - h * 3_600_000);
const session = (cookie: string) =>
  t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: `mawaeed_session=${cookie}` } });
const count = async (table: string) =>
  (await queryRows<{ n: number }>(t.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]?.n;

/** Runs the daily jobs that are due at `at` (03:00 in Bahrain is 00:00 UTC). */
async function runDailyAt(at: string) {
  t.clock.set(at);
  return t.app.jobs.runDueJobs();
}

async function seedOutbox(label: string) {
  const at = t.clock.now();
  const rows = [
    { status: 'done' as const, finishedAt: at },
    { status: 'dead' as const, finishedAt: at },
    { status: 'pending' as const, finishedAt: null, runAt: new Date('2027-01-01T00:00:00Z') },
  ];
  for (const r of rows)
    await t.db
      .insert(jobs)
      .values({ kind: `test.${label}`, payload: {}, runAt: at, maxAttempts: 1, createdAt: at, ...r });
  for (const status of ['sent', 'skipped', 'failed', 'pending'] as const)
    await t.db.insert(messages).values({
      kind: label,
      channel: 'sms',
      language: 'en',
      recipientMasked: '+973 •••• ••34',
      contentSealed: 'sealed',
      status,
      createdAt: at,
    });
  await t.db.insert(devInbox).values({
    messageId: randomUUID(),
    channel: 'sms',
    recipient: '+97336001234',
    body: label,
    attachments: [],
    deliveredAt: at,
  });
}

describe('the daily retention purge', () => {
  it('is queued once a day however many instances start, and removes only what is past keeping', async () => {
    const member = await createStaff(t.db, { role: 'administrator' });
    // Sunday 09:00 Bahrain: a session that will be idle by the night, and last week's outbox.
    const idle = await signIn(t, member.email);
    await seedOutbox('old');
    await t.db.insert(verifications).values([
      {
        id: randomUUID(),
        purpose: 'book',
        subjectHash: 'old',
        codeHash: 'x',
        expiresAt: t.clock.now(),
        createdAt: hoursAgo(1),
      },
    ]);
    await t.db.insert(captchaUses).values([
      { signature: 'spent-old', expiresAt: hoursAgo(-0.1) },
      { signature: 'spent-live', expiresAt: hoursAgo(-48) },
    ]);
    await t.db.insert(idempotencyKeys).values({
      scope: 'POST /api/v1/bookings',
      key: 'old',
      requestHash: 'h',
      responseStatus: 201,
      responseBody: {},
      createdAt: t.clock.now(),
    });
    // Two instances start: one run queued, for 03:00 Bahrain on Monday.
    await t.app.jobs.scheduleDailyJobs();
    await t.app.jobs.scheduleDailyJobs();
    const queued = await queryRows<{ dedupe_key: string }>(
      t.db,
      sql`SELECT dedupe_key FROM jobs WHERE dedupe_key LIKE 'daily:retention-purge:%'`,
    );
    expect(queued.map((q) => q.dedupe_key)).toEqual(['daily:retention-purge:2026-11-30']);

    // Sunday 23:50 UTC: a fresh session and a fresh key, which the night's run must keep.
    t.clock.set('2026-11-29T23:50:00Z');
    const fresh = await signIn(t, member.email);
    await t.db.insert(idempotencyKeys).values({
      scope: 'POST /api/v1/bookings',
      key: 'fresh',
      requestHash: 'h',
      responseStatus: 201,
      responseBody: {},
      createdAt: t.clock.now(),
    });
    await t.db.insert(verifications).values({
      id: randomUUID(),
      purpose: 'book',
      subjectHash: 'fresh',
      codeHash: 'x',
      expiresAt: hoursAgo(-0.05),
      createdAt: t.clock.now(),
    });

    await runDailyAt('2026-11-30T00:00:00Z');
    expect((await session(idle.cookie)).statusCode).toBe(401);
    expect((await session(fresh.cookie)).statusCode).toBe(200);
    expect(await count('staff_sessions')).toBe(1);
    expect(await count('captcha_uses')).toBe(1);
    // Keys keep their 24 hours; the Sunday-morning key is 18 hours old.
    expect(await count('idempotency_keys')).toBe(2);
    // The one-time codes stay for the daily cap's 24 hours.
    expect(await count('verifications')).toBe(2);
    // The outbox of 15 hours ago stays (kept 2 days here).
    expect(await count("messages WHERE kind = 'old'")).toBe(4);

    await runDailyAt('2026-12-01T00:00:00Z');
    expect(await count('idempotency_keys')).toBe(0);
    expect(await count('verifications')).toBe(0);

    await runDailyAt('2026-12-02T00:00:00Z');
    // Done jobs, sent and skipped messages and the dev inbox go; dead, failed and pending stay.
    const left = await queryRows<{ status: string }>(
      t.db,
      sql`SELECT status FROM jobs WHERE kind = 'test.old' ORDER BY status`,
    );
    expect(left.map((r) => r.status)).toEqual(['dead', 'pending']);
    const kept = await queryRows<{ status: string }>(
      t.db,
      sql`SELECT status FROM messages WHERE kind = 'old' ORDER BY status`,
    );
    expect(kept.map((r) => r.status)).toEqual(['failed', 'pending']);
    expect(await count('dev_inbox')).toBe(0);
    // Each night ran once and queued the next.
    const runs = await queryRows<{ dedupe_key: string; status: string }>(
      t.db,
      sql`SELECT dedupe_key, status FROM jobs WHERE dedupe_key LIKE 'daily:retention-purge:%' ORDER BY 1`,
    );
    expect(runs).toEqual([
      { dedupe_key: 'daily:retention-purge:2026-11-30', status: 'done' },
      { dedupe_key: 'daily:retention-purge:2026-12-01', status: 'done' },
      { dedupe_key: 'daily:retention-purge:2026-12-02', status: 'done' },
      { dedupe_key: 'daily:retention-purge:2026-12-03', status: 'pending' },
    ]);
  });

  it('takes more steps (the customer file adds its policy so), runs them all, and retries when one fails', async () => {
    const ran: string[] = [];
    let failing = true;
    t.app.retention.addStep({
      name: 'test: always',
      purge: async () => {
        ran.push('always');
        return 0;
      },
    });
    t.app.retention.addStep({
      name: 'test: flaky',
      purge: async () => {
        if (failing) throw new Error('storage busy');
        ran.push('flaky');
        return 3;
      },
    });
    expect(t.app.retention.steps()).toEqual(
      expect.arrayContaining(['staff sessions', 'one-time codes', 'test: flaky']),
    );
    // Wednesday's run, queued by Tuesday's.
    expect(await runDailyAt('2026-12-03T00:00:00Z')).toMatchObject({ retry: 1 });
    expect(ran).toEqual(['always']);
    failing = false;
    await runDailyAt('2026-12-03T01:00:00Z');
    expect(ran).toEqual(['always', 'always', 'flaky']);
  });
});
