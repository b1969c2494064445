import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as catalogueSchema from './schema';
import * as staffSchema from './schema-staff';

const schema = { ...catalogueSchema, ...staffSchema };

export type Schema = typeof catalogueSchema & typeof staffSchema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What a repository takes: the database or a transaction of it. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The underlying driver, for migrations and the few things Drizzle does not cover. */
  pglite?: PGlite;
  pool?: pg.Pool;
  close(): Promise<void>;
};

export type DatabaseOptions =
  | { engine: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  | { engine: 'postgres'; url: string; poolSize: number; applicationName?: string };

const DRIZZLE = { schema, casing: 'snake_case' } as const;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize,
      application_name: options.applicationName ?? 'mawaeed',
      connectionTimeoutMillis: 5_000,
    });
    // An idle client losing its server (restart, terminated backend) must not crash the process.
    pool.on('error', () => {});
    const db = drizzlePg(pool, DRIZZLE) as unknown as Db;
    return { db, engine: 'postgres', pool, close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    relaxedDurability: false,
  });
  const db = drizzlePglite(pglite, DRIZZLE) as unknown as Db;
  return { db, engine: 'pglite', pglite, close: () => pglite.close() };
}

/** Rows of a raw SQL query, the same on both drivers (each answers with `{ rows }`). */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
