import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a gzipped data directory with every migration applied. */
    pgliteTemplate: string;
    /** PostgreSQL: the name of a migrated template database, when the suite runs on PostgreSQL. */
    pgTemplate: string;
  }
}

/**
 * Migrations run once per test run: into a PGlite data directory that each test file loads
 * (PGlite), or into a template database each test file clones (PostgreSQL, `npm run test:pg`).
 */
export default async function setup(project: TestProject) {
  const pgUrl = process.env.MAWAEED_TEST_PG_URL;
  if (pgUrl) {
    const name = `mawaeed_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 1 });
    await migrate(database);
    await database.close();
    project.provide('pgTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
        [name, `mawaeed_t_${process.pid}_%`],
      );
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mawaeed-tpl-'));
  const database = await openDatabase({ engine: 'pglite' });
  await migrate(database);
  const dump = await database.pglite?.dumpDataDir('gzip');
  await database.close();
  if (!dump) throw new Error('no PGlite dump');
  const file = join(dir, 'template.tar.gz');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}
