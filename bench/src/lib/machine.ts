import os from 'node:os';
import type { Database } from '../../../server/src/db/client';

export type Machine = {
  cores: number;
  cpu: string;
  memory_gib: number;
  node: string;
  os: string;
  /** Runnable processes, 1-minute average: above the core count, other work skews the figures. */
  load_1m: number;
};

export function describeMachine(): Machine {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load_1m: loadAverage(),
  };
}

export function loadAverage(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}

/** "15.20 (Debian 15.20-0+deb12u1)" for PostgreSQL, "PostgreSQL 18.7 (PGlite 0.5.17)" for PGlite. */
export async function describeEngine(database: Database): Promise<string> {
  if (database.pglite) {
    const { rows } = await database.pglite.query<{ version: string }>('SELECT version()');
    // Cut the compiler details after "on wasm32-unknown-emscripten".
    return rows[0]?.version.split(' on ')[0] ?? 'unknown';
  }
  if (database.pool) {
    const { rows } = await database.pool.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  }
  return 'unknown';
}
