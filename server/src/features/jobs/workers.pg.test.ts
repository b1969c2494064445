import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, queryRows } from '../../db/client';
import { buildPeerApp, buildTestApp, type TestApp } from '../../test/test-app';
import type { Transports } from '../messages/transport';

/** Two app instances on one PostgreSQL database, each with its own worker and transport. */
const deliveries: { worker: string; messageId: string }[] = [];
const countingTransports = (worker: string): Transports => ({
  sms: {
    async send(message) {
      await new Promise((resolve) => setTimeout(resolve, 1)); // a send takes a moment, as a real one would
      deliveries.push({ worker, messageId: message.id });
    },
  },
  email: null,
});

let t: TestApp;
let second: Database;
let appB: Awaited<ReturnType<typeof buildPeerApp>>;

beforeAll(async () => {
  t = await buildTestApp({ transports: countingTransports('a'), poolSize: 10 });
  const url = (t.database.pool as unknown as { options: { connectionString: string } }).options
    .connectionString;
  second = await openDatabase({ engine: 'postgres', url, poolSize: 10 });
  appB = await buildPeerApp(t, second, { transports: countingTransports('b'), random: () => 0.5 });
});
afterAll(async () => {
  await appB.close();
  await second.close();
  await t.close();
});

async function drain(app: TestApp['app']) {
  for (;;) {
    const counts = await app.jobs.runDueJobs({ batch: 7, maxBatches: 1 });
    if (counts.done + counts.retry + counts.dead + counts.lost === 0) return;
  }
}

describe('two workers on one PostgreSQL', () => {
  it('deliver 500 messages exactly once between them', async () => {
    // 500 one-time codes to 500 mobiles: 500 messages, each with its delivery job.
    for (let i = 0; i < 500; i += 50) {
      const batch = Array.from({ length: 50 }, (_, j) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/verifications',
          payload: { mobile: String(36_200_000 + i + j), purpose: 'book' },
        }),
      );
      for (const res of await Promise.all(batch)) expect(res.statusCode).toBe(201);
    }
    await Promise.all([drain(t.app), drain(appB), drain(t.app), drain(appB)]);

    expect(deliveries).toHaveLength(500);
    expect(new Set(deliveries.map((d) => d.messageId)).size).toBe(500);
    expect(deliveries.some((d) => d.worker === 'a')).toBe(true);
    expect(deliveries.some((d) => d.worker === 'b')).toBe(true);
    const states = await queryRows<{ status: string; n: number }>(
      t.db,
      sql`SELECT status, count(*)::int AS n FROM messages GROUP BY status`,
    );
    expect(states).toEqual([{ status: 'sent', n: 500 }]);
    const jobs = await queryRows<{ status: string; attempts: number; n: number }>(
      t.db,
      sql`SELECT status, attempts, count(*)::int AS n FROM jobs WHERE kind = 'message.deliver' GROUP BY 1, 2`,
    );
    expect(jobs).toEqual([{ status: 'done', attempts: 1, n: 500 }]);
  });

  it('send at most three codes to one mobile, however many requests arrive at once', async () => {
    const requests = Array.from({ length: 12 }, (_, i) =>
      (i % 2 ? t.app : appB).inject({
        method: 'POST',
        url: '/api/v1/verifications',
        payload: { mobile: '36999999', purpose: 'book' },
      }),
    );
    const statuses = (await Promise.all(requests)).map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });
});
