import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import * as catalogueSchema from './schema';
import * as hallSchema from './schema-hall';
import * as staffSchema from './schema-staff';
import * as waitlistSchema from './schema-waitlist';

const schema = { ...catalogueSchema, ...staffSchema, ...hallSchema, ...waitlistSchema };

export type Schema = typeof catalogueSchema & typeof staffSchema & typeof hallSchema & typeof waitlistSchema;
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

/** See the pool's options: how long PostgreSQL lets a session sit idle inside a transaction. */
export const IDLE_IN_TRANSACTION_MS = 10_000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize,
      application_name: options.applicationName ?? 'mawaeed',
      connectionTimeoutMillis: 5_000,
      // A connection that dies on the way (a partition, a NAT dropping it) can leave PostgreSQL
      // holding its open transaction, and that transaction's row locks, until TCP gives up hours
      // later: every booking of the same slot would wait behind it. PostgreSQL ends a session
      // idle inside a transaction after this long (ours never pause that long between
      // statements), and keep-alive finds dead sockets on our side.
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
      keepAlive: true,
    });
    // A client losing its server (restart, terminated backend) must not crash the process. The
    // pool hears it only while the client is idle; a client checked out between two statements of a
    // transaction would emit an unhandled 'error' and end the process, so each client gets its own
    // listener. Its next query then fails (503 with Retry-After) and the pool drops it on release.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = drizzlePg(pool, DRIZZLE) as unknown as Db;
    giveBackClientsOnFailedBegin(db, pool);
    return { db, engine: 'postgres', pool, close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // One process at a time: a second server or CLI command on the same files would corrupt them.
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      relaxedDurability: false,
    });
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(pglite, DRIZZLE) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      await pglite.close();
      release();
    },
  };
}

type SessionInternals = { client: unknown; dialect: unknown; schema: unknown; options: unknown };

/**
 * drizzle-orm 0.45's pool transaction takes a client and sends BEGIN before its try/finally: a
 * BEGIN that fails (the connection cut by a partition) never gives the client back. Each such
 * failure costs the pool a connection for good (ten of them and every request waits, then 503),
 * and a shutdown waits on them forever — the chaos suite's partition test found two at exit.
 * The same transaction with BEGIN inside the try; a client whose BEGIN or ROLLBACK failed goes
 * back as broken, so node-postgres closes it instead of lending it again.
 */
function giveBackClientsOnFailedBegin(db: Db, pool: pg.Pool) {
  const session = (db as unknown as { session: SessionInternals & { transaction: unknown } }).session;
  const { dialect, schema, options } = session;
  type Ctor = new (...args: unknown[]) => unknown;
  session.transaction = async <T>(run: (tx: never) => Promise<T>) => {
    const client = await pool.connect();
    const inner = new (NodePgSession as unknown as Ctor)(client, dialect, schema, options);
    const tx = new (NodePgTransaction as unknown as Ctor)(dialect, inner, schema) as {
      execute(query: SQL): Promise<unknown>;
    };
    const opening = openingOf.get(run);
    let broken: Error | undefined;
    try {
      try {
        // With an opening statement, BEGIN and it go in one simple-protocol query (one round
        // trip). Either failing is treated as BEGIN failing: the client goes back broken, and
        // closing its connection ends whatever part of the transaction had begun.
        if (opening) await client.query(`BEGIN; ${opening.text}`);
        else await tx.execute(sql`begin`);
      } catch (err) {
        broken = err instanceof Error ? err : new Error(String(err));
        throw err;
      }
      if (opening) openedWith.set(tx, opening);
      try {
        const result = await run(tx as never);
        await tx.execute(sql`commit`);
        return result;
      } catch (err) {
        await tx.execute(sql`rollback`).catch((rollbackFailed: unknown) => {
          broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
        });
        throw err;
      }
    } finally {
      client.release(broken);
    }
  };
}

/**
 * A statement without parameters that a transaction runs before anything else: on PostgreSQL it
 * travels with BEGIN in one simple-protocol query, one round trip instead of two (PGlite, in
 * process, runs it after its BEGIN). A booking's opening is its centre's schedule lock.
 * Its text is built by us from constants and integers only, never from input.
 */
export type Opening = { readonly text: string };

/** The transaction functions given to db.transaction with an opening, for the pool's transaction. */
const openingOf = new WeakMap<object, Opening>();
/** Transactions and the opening each began with. */
const openedWith = new WeakMap<object, Opening>();

/** `work` in a transaction that runs `opening` first, in BEGIN's round trip on PostgreSQL. */
export function transactionOpenedWith<T>(db: Db, opening: Opening, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = (db as unknown as { session: { client: unknown } }).session.client;
  if (client instanceof pg.Pool) {
    const run = (tx: Tx) => work(tx);
    openingOf.set(run, opening);
    return db.transaction(run);
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(opening.text));
    openedWith.set(tx, opening);
    return work(tx);
  });
}

/** Whether `q` is a transaction that began with this opening (so it need not run it again). */
export function hasOpenedWith(q: Queryable, opening: Opening) {
  return openedWith.get(q)?.text === opening.text;
}

/** Rows of a raw SQL query, the same on both drivers (each answers with `{ rows }`). */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A hand-written statement of a hot path: its text is written once, not built on every call as
 * Drizzle's builder does, and on PostgreSQL its name makes node-postgres prepare it once per
 * connection (parsed and planned once, then only bound and run). PGlite runs the same text.
 * Names are unique across the app: node-postgres refuses one name with two texts.
 */
export type Statement = { readonly name: string; readonly text: string };

type DriverClient = {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
};

/**
 * Rows of a Statement run on `q`'s own connection: the transaction's client inside one, the pool
 * or PGlite outside. Timestamps come back as Date or string by driver: read them with new Date().
 */
export async function runStatement<T>(q: Queryable, statement: Statement, values: unknown[]): Promise<T[]> {
  // Drizzle's session holds the driver's client: a pg PoolClient or PGlite transaction inside a
  // transaction, the pool or the PGlite instance outside.
  const client = (q as unknown as { session: { client: DriverClient } }).session.client;
  const result =
    client instanceof pg.Pool || client instanceof pg.Client
      ? await client.query({ name: statement.name, text: statement.text, values })
      : await client.query(statement.text, values);
  return result.rows as T[];
}

type PreparedQuery = { execute(values?: Record<string, unknown>): Promise<unknown> };

/**
 * A Drizzle query built and prepared once per engine, then run on whichever connection `q` is:
 * for hot reads whose rows Drizzle should still map. Drizzle binds a prepared query to the
 * session it was built on (decision 0019: why `.prepare()` alone did not fit our transactions);
 * here each run goes through a copy of it whose driver client is `q`'s, so the query text is
 * built once and, on PostgreSQL, parsed and planned once per connection under its name.
 */
export function preparedOnce<T extends PreparedQuery>(build: (q: Queryable) => T) {
  const byEngine = new Map<'pg' | 'pglite', T>();
  return (q: Queryable, values: Record<string, unknown>): ReturnType<T['execute']> => {
    const client = (q as unknown as { session: { client: unknown } }).session.client;
    const engine = client instanceof pg.Pool || client instanceof pg.Client ? 'pg' : 'pglite';
    let prepared = byEngine.get(engine);
    if (!prepared) {
      prepared = build(q);
      byEngine.set(engine, prepared);
    }
    const bound = Object.create(prepared) as T & { client: unknown };
    bound.client = client;
    return bound.execute(values) as ReturnType<T['execute']>;
  };
}
