import { userInfo } from 'node:os';
import { type Database, openDatabase } from '../../../server/src/db/client';
import { migrate } from '../../../server/src/db/migrate';

/** The PostgreSQL server benches may create databases on: BENCH_PG_URL, else the machine's. */
export function benchPgUrl(): string {
  return process.env.BENCH_PG_URL || `postgres://${userInfo().username}@127.0.0.1:5432/test`;
}

/** A URL fit to print: the password, if any, hidden. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** A fresh in-memory PGlite with every migration applied (initdb alone takes ~4–6 s). */
export async function openMigratedPglite(): Promise<Database> {
  const database = await openDatabase({ engine: 'pglite' });
  await migrate(database);
  return database;
}

/** The server could not be reached or would not create the database: a bench may skip it. */
export class PostgresUnavailable extends Error {
  override name = 'PostgresUnavailable';
}

export type Throwaway = { database: Database; name: string; drop(): Promise<void> };
export type EmptyDatabase = { url: string; name: string; drop(): Promise<void> };

/**
 * A fresh empty database named `<prefix>_<pid>` on the server at `adminUrl` (for the app, or for
 * another tool such as pgbench), dropped by `drop()`. Throws PostgresUnavailable when the server
 * cannot be reached or refuses to create it.
 */
export async function createEmptyPostgres(
  adminUrl: string,
  options: { prefix: string },
): Promise<EmptyDatabase> {
  const name = `${options.prefix}_${process.pid}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const admin = await openDatabase({ engine: 'postgres', url: adminUrl, poolSize: 1 });
  const adminPool = admin.pool;
  if (!adminPool) throw new Error('postgres database without a pool');
  try {
    // A previous run with the same pid that died before its clean-up leaves its database behind.
    await adminPool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminPool.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    await admin.close();
    throw new PostgresUnavailable(describeError(err), { cause: err });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    try {
      await adminPool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.close();
    }
  };
  return { url: url.toString(), name, drop };
}

/**
 * A fresh migrated database for the app (see createEmptyPostgres), with a pool of `poolSize`;
 * `drop()` also closes the pool. A failing migration throws as itself.
 */
export async function createThrowawayPostgres(
  adminUrl: string,
  options: { prefix: string; poolSize: number },
): Promise<Throwaway> {
  const empty = await createEmptyPostgres(adminUrl, options);
  const database = await openDatabase({
    engine: 'postgres',
    url: empty.url,
    poolSize: options.poolSize,
    applicationName: 'mawaeed-bench',
  });
  const drop = async () => {
    await database.close().catch(() => {});
    await empty.drop();
  };
  try {
    await migrate(database);
  } catch (err) {
    await drop();
    throw err;
  }
  return { database, name: empty.name, drop };
}

/** Rows of one plain SQL statement, on either engine (for checks the app has no query for). */
export async function selectRows<T>(database: Database, text: string): Promise<T[]> {
  if (database.pglite) return (await database.pglite.query<T>(text)).rows;
  if (database.pool) return (await database.pool.query(text)).rows as T[];
  throw new Error('database without a driver');
}

/** pg reports a refused connection to "localhost" as an AggregateError with no message. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: string }).code;
  return err.message || code || err.name;
}
