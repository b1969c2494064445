import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database';
import type { Database } from './client';

let database: Database;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 2 });
  if (!database.pool) throw new Error('a PostgreSQL pool is what this is about');
  pool = database.pool;
});
afterAll(() => database?.close());

describe('a transaction whose BEGIN fails (the connection cut as it was lent)', () => {
  it('gives the client back broken, so the pool neither shrinks nor hands it out again', async () => {
    // The next three clients lent lose their connection at BEGIN, as a partition does.
    let cut = 3;
    const onAcquire = (client: pg.PoolClient) => {
      if (cut <= 0) return;
      cut -= 1;
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
        config: unknown,
        ...rest
      ) => {
        const text = typeof config === 'string' ? config : (config as { text?: string }).text;
        return /^begin/i.test(text ?? '')
          ? Promise.reject(new Error('connection cut'))
          : query(config, ...rest);
      };
    };
    pool.on('acquire', onAcquire);
    for (let i = 0; i < 3; i++) {
      await expect(database.db.transaction(async (tx) => tx.execute(sql`SELECT 1`))).rejects.toThrow(
        'Failed query: begin',
      );
    }
    pool.off('acquire', onAcquire);
    // With a pool of two, a leak of the first two would leave nothing to lend: this would wait
    // for connectionTimeoutMillis and fail.
    const answer = await database.db.transaction(async (tx) => tx.execute(sql`SELECT 42 AS n`));
    expect((answer as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(42);
    expect(pool.totalCount).toBeLessThanOrEqual(2);
    expect(pool.waitingCount).toBe(0);
  });

  it('still rolls back on an error inside, and lends the same healthy client again', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`CREATE TEMP TABLE t_rollback (n int)`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(pool.idleCount).toBe(pool.totalCount);
    const left = await database.db.execute(sql`SELECT to_regclass('pg_temp.t_rollback') AS t`);
    expect((left as unknown as { rows: { t: string | null }[] }).rows[0]?.t).toBeNull();
  });
});
