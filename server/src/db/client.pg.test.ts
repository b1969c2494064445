import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database';
import { type Database, hasOpenedWith, transactionOpenedWith } from './client';
import { scheduleSharedOpening } from './schedule-lock';

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

describe('a transaction opened with a statement in BEGIN’s round trip (the schedule lock)', () => {
  const centreId = '5f0c2a8e-52b3-4d7e-9a57-3c1f9f0e2b11';
  /** Whether another session could take the centre's schedule lock exclusively right now. */
  async function isLockFree() {
    const other = await pool.connect();
    try {
      const { rows } = await other.query('SELECT pg_try_advisory_lock(7301, hashtext($1)) AS free', [
        centreId,
      ]);
      if (rows[0]?.free) await other.query('SELECT pg_advisory_unlock(7301, hashtext($1))', [centreId]);
      return rows[0]?.free === true;
    } finally {
      other.release();
    }
  }

  it('holds the same lock that hashtext names in SQL, until the end of the transaction', async () => {
    const opening = scheduleSharedOpening(centreId);
    const seen: string[] = [];
    const onAcquire = (client: pg.PoolClient) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
        config: unknown,
        ...rest
      ) => {
        seen.push(typeof config === 'string' ? config : String((config as { text?: string }).text));
        return query(config, ...rest);
      };
    };
    pool.on('acquire', onAcquire);
    const held = await transactionOpenedWith(database.db, opening, async (tx) => {
      expect(hasOpenedWith(tx, opening)).toBe(true);
      return !(await isLockFree());
    });
    pool.off('acquire', onAcquire);
    expect(held).toBe(true);
    expect(seen[0]).toBe(`BEGIN; ${opening.text}`);
    expect(await isLockFree()).toBe(true);
  });

  it('gives the client back broken when BEGIN or the opening fails, and the pool lends on', async () => {
    let cut = 2;
    const onAcquire = (client: pg.PoolClient) => {
      if (cut <= 0) return;
      cut -= 1;
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest) =>
        typeof config === 'string' && /^begin/i.test(config)
          ? Promise.reject(new Error('connection cut'))
          : query(config, ...rest);
    };
    pool.on('acquire', onAcquire);
    for (let i = 0; i < 2; i++) {
      await expect(
        transactionOpenedWith(database.db, scheduleSharedOpening(centreId), async () => 1),
      ).rejects.toThrow('connection cut');
    }
    pool.off('acquire', onAcquire);
    // BEGIN ran, the opening statement failed: the transaction had begun, the broken client ends it.
    for (let i = 0; i < 2; i++) {
      await expect(
        transactionOpenedWith(database.db, { text: 'SELECT 1 / 0' }, async () => 1),
      ).rejects.toThrow('division by zero');
    }
    expect(await transactionOpenedWith(database.db, scheduleSharedOpening(centreId), async () => 42)).toBe(
      42,
    );
    expect(pool.totalCount).toBeLessThanOrEqual(2);
    expect(pool.waitingCount).toBe(0);
    expect(await isLockFree()).toBe(true);
  });
});
