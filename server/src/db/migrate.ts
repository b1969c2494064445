import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client';

/** The migrations folder, found from the source tree or from the built bundle in server/dist. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'src', 'db', 'migrations');
    if (existsSync(join(dir, 'migrations', 'meta'))) return join(dir, 'migrations');
    if (existsSync(join(candidate, 'meta'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('migrations folder not found');
}

// Any stable number: instances starting together on one PostgreSQL migrate one at a time.
const MIGRATION_LOCK = 7_346_221;

/** Apply every pending forward-only migration. */
export async function migrate(database: Database): Promise<void> {
  const folder = migrationsFolder();
  if (database.engine === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    return;
  }
  const pool = database.pool;
  if (!pool) throw new Error('postgres database without a pool');
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const { drizzle } = await import('drizzle-orm/node-postgres');
    await migratePg(drizzle(client) as unknown as NodePgDatabase, { migrationsFolder: folder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

export async function ping(database: Database): Promise<void> {
  await database.db.execute(sql`SELECT 1`);
}
