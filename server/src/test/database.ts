import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../db/client';

export const isPostgres = () => Boolean(process.env.MAWAEED_TEST_PG_URL);

/**
 * A fresh, migrated database for one test file: a copy of the run's template, on PGlite by
 * default and on PostgreSQL when MAWAEED_TEST_PG_URL is set. Closing it drops the copy.
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<Database> {
  const pgUrl = process.env.MAWAEED_TEST_PG_URL;
  if (!pgUrl) {
    const template = inject('pgliteTemplate');
    const blob = new Blob([readFileSync(template)]);
    return openDatabase({ engine: 'pglite', loadDataDir: blob });
  }
  const name = `mawaeed_t_${process.ppid}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await createDatabaseFromTemplate(admin, name, inject('pgTemplate'));
  } finally {
    await admin.end();
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({
    engine: 'postgres',
    url: url.toString(),
    poolSize: options.poolSize ?? 10,
  });
  return {
    ...database,
    async close() {
      await database.close();
      const drop = new pg.Client({ connectionString: pgUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

async function createDatabaseFromTemplate(admin: pg.Client, name: string, template: string) {
  // Two files cloning the template at the same instant can collide; the second simply retries.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (err) {
      if (attempt >= 20 || (err as { code?: string }).code !== '55006') throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
}
