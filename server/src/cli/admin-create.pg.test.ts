import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../db/client';
import { staff } from '../db/schema-staff';

// On PostgreSQL only: a fresh PGlite data directory costs ~20 s, a cloned database a moment.
describe('npm run admin:create', () => {
  it('creates an administrator from a piped password, refusing a short one', async () => {
    const base = process.env.MAWAEED_TEST_PG_URL ?? '';
    const name = `mawaeed_cli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    try {
      const root = resolve(import.meta.dirname, '../../..');
      const run = (email: string, password: string) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/admin-create.ts', '--email', email], {
          cwd: root,
          input: `${password}\n`,
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: url.toString(), MAWAEED_DEMO: 'off' },
        });
      expect(run('boss@ministry.bh', 'short').status).toBe(2);
      const ok = run('Boss@Ministry.bh', 'a long enough passphrase');
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout + ok.stderr).not.toContain('a long enough passphrase');
      expect(run('boss@ministry.bh', 'a long enough passphrase').status).toBe(1);
      const database = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 1 });
      const rows = await database.db.select().from(staff);
      await database.close();
      expect(rows).toMatchObject([{ email: 'boss@ministry.bh', role: 'administrator' }]);
      expect(rows[0]?.passwordHash).toMatch(/^\$argon2id\$/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);
});
