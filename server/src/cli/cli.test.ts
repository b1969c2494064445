import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { like } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../db/client';
import { centres, jobs, offerings, services } from '../db/schema';
import { staff } from '../db/schema-staff';
import { generateBulkHistory } from '../test/bulk-history';
import { isPostgres } from '../test/database';
import { buildTestApp } from '../test/test-app';
import { program } from './program';

// Each command is its own Node process booting tsx and the database: seconds apiece, minutes on a busy machine.
const root = resolve(import.meta.dirname, '../../..');
let dir: string;
let env: Record<string, string>;
let dropDatabase: (() => Promise<void>) | undefined;

/** `npx mawaeed …` as an operator runs it (the bin the root package.json names), in its own process. */
function mawaeed(args: string[], input?: string) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, ['server/bin/mawaeed.mjs', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) {
  const database = env.DATABASE_URL
    ? await openDatabase({ engine: 'postgres', url: env.DATABASE_URL, poolSize: 1 })
    : await openDatabase({ engine: 'pglite', dataDir: join(dir, 'pglite') });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mawaeed-cli-'));
  env = { DATA_DIR: dir, MAWAEED_DEMO: 'off', DATABASE_URL: '' };
  if (isPostgres()) {
    const base = process.env.MAWAEED_TEST_PG_URL ?? '';
    const name = `mawaeed_cli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    // A migrated embedded database under DATA_DIR, from the run's template (creating one costs ~6 s).
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const database = await openDatabase({
      engine: 'pglite',
      dataDir: join(dir, 'pglite'),
      loadDataDir: blob,
    });
    await database.close();
  }
}, 600_000);
afterAll(async () => {
  await dropDatabase?.();
  rmSync(dir, { recursive: true, force: true });
});

const SERVICES = `code,letter,name_en,name_ar,duration_minutes,walk_ins,min_lead_minutes,max_days_ahead,per_person_limit
passport,P,Passport renewal,تجديد جواز السفر,15,yes,60,60,1
id-card,I,Identity card,البطاقة الذكية,10,no,60,30,1
`;
const CENTRES = `code,name_en,name_ar,address_en,address_ar,phone,lat,lng,time_zone
isa-town,Isa Town,مدينة عيسى,Building 1,مبنى 1,+973 1768 2300,26.17,50.54,Asia/Bahrain
`;
const HOURS = `centre_code,day,open,close
isa-town,sun,07:00,14:00
isa-town,mon,07:00,14:00
`;
const OFFERINGS = `centre_code,service_code,slot_minutes,capacity
isa-town,passport,15,3
`;

describe('npx mawaeed', () => {
  it('has --help on every command', async () => {
    // The bin itself, as an operator runs it (each process boots tsx: seconds apiece) …
    const top = await mawaeed(['--help']);
    expect(top.status, top.stderr).toBe(0);
    for (const command of ['admin', 'import', 'export', 'retention', 'dashboard', 'health'])
      expect(top.stdout).toContain(command);
    // … and every command's own help, from the same program object in this process.
    const find = (path: string[]) =>
      path.reduce((c, name) => {
        const next = c.commands.find((sub) => sub.name() === name);
        if (!next) throw new Error(`no command ${path.join(' ')}`);
        return next;
      }, program);
    for (const path of [
      ['admin', 'create'],
      ['import'],
      ['export', 'bookings'],
      ['export', 'kpis'],
      ['retention', 'run'],
      ['dashboard', 'rollup'],
      ['health'],
    ]) {
      const help = find(path).helpInformation();
      expect(help, path.join(' ')).toContain(`Usage: mawaeed ${path.join(' ')}`);
      expect(help, path.join(' ')).toContain('--help');
    }
    const importHelp = find(['import']);
    let after = '';
    importHelp.configureOutput({ writeOut: (text) => (after += text) }).outputHelp();
    expect(after).toContain('centre_code,day,open,close');
  }, 600_000);

  it('imports nothing from a file with bad rows, and names each bad line', async () => {
    const bad = file(
      'bad-services.csv',
      `${SERVICES}visa,pp,Visa,تأشيرة,15,no,60,60,1\nvisa-2,V,Visa,تأشيرة,-5,maybe,60,60,1\npassport,Q,Again,مرة,15,no,60,60,1\n`,
    );
    const res = await mawaeed(['import', bad, '--kind', 'services']);
    expect(res.status, res.stderr).toBe(1);
    expect(res.stdout).toContain('Nothing was imported: 3 bad row(s)');
    expect(res.stdout).toMatch(/line 4: letter: expected one capital letter/);
    expect(res.stdout).toMatch(/line 5: .*durationMinutes/);
    expect(res.stdout).toMatch(/line 5: .*walkIns/);
    expect(res.stdout).toContain('line 6: service passport is listed twice');
    expect(await withDb((db) => db.select().from(services))).toEqual([]);
  }, 600_000);

  it('refuses a seed JSON with a bad centre, reporting it by its place in the file', async () => {
    const seed = JSON.parse(readFileSync(resolve(root, 'server/src/features/demo/bahrain.json'), 'utf8'));
    seed.centres[1].phone = '1768';
    seed.centres[2].offerings[0].service = 'no-such-service';
    const res = await mawaeed(['import', file('seed.json', JSON.stringify(seed, null, 2))]);
    expect(res.status).toBe(1);
    expect(res.stdout).toMatch(/centres\[1\]: phone: Expected an international number/);
    expect(res.stdout).toMatch(/centres\[2\]: offerings\.0\.service: Unknown service no-such-service/);
    expect(await withDb((db) => db.select().from(centres))).toEqual([]);
  }, 600_000);

  it('imports services, a centre, its hours and offerings, then exports bookings and KPIs', async () => {
    for (const [name, text, kind] of [
      ['services.csv', SERVICES, 'services'],
      ['centres.csv', CENTRES, 'centres'],
      ['hours.csv', HOURS, 'hours'],
      ['offerings.csv', OFFERINGS, 'offerings'],
    ] as const) {
      const res = await mawaeed(['import', file(name, text), '--kind', kind]);
      expect(res.status, res.stdout + res.stderr).toBe(0);
    }
    const [centre] = await withDb((db) => db.select().from(centres));
    expect(centre?.weeklyHours).toMatchObject({ sun: [{ open: '07:00', close: '14:00' }], fri: [] });
    expect(await withDb((db) => db.select().from(offerings))).toHaveLength(1);
    const again = await mawaeed(['import', file('offerings.csv', OFFERINGS), '--kind', 'offerings']);
    expect(again.stdout).toContain('line 2: isa-town already offers passport');

    const bookings = await mawaeed(['export', 'bookings', '--from', '2026-12-01', '--to', '2026-12-31']);
    expect(bookings.status, bookings.stderr).toBe(0);
    expect(bookings.stdout).toBe('reference,status,centre,service,start,end,channel,created_at\r\n');
    const out = join(dir, 'kpis.csv');
    const kpis = await mawaeed([
      'export',
      'kpis',
      '--from',
      '2026-12-01',
      '--to',
      '2026-12-31',
      '--out',
      out,
    ]);
    expect(kpis.status, kpis.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      'centre,from,to,booked,cancelled,due,checked_in,no_shows,no_show_rate\r\nisa-town,2026-12-01,2026-12-31,0,0,0,0,0,\r\n',
    );
    const backwards = await mawaeed(['export', 'kpis', '--from', '2026-12-31', '--to', '2026-12-01']);
    expect(backwards.status).toBe(2);
  }, 900_000);

  it('creates an administrator from a piped password', async () => {
    expect((await mawaeed(['admin', 'create', '--email', 'chief@ministry.bh'], 'short\n')).status).toBe(2);
    const res = await mawaeed(
      ['admin', 'create', '--email', 'Chief@Ministry.bh'],
      'a long enough passphrase\n',
    );
    expect(res.status, res.stderr).toBe(0);
    expect(await withDb((db) => db.select().from(staff))).toMatchObject([
      { email: 'chief@ministry.bh', role: 'administrator' },
    ]);
  }, 600_000);

  it('builds the dashboard’s rollup of data loaded around the app, and nothing twice', async () => {
    // Ten days that ended well before today (real time: the CLI runs on the system clock).
    await withDb((db) =>
      generateBulkHistory(db, { tickets: 300, days: 10, centres: 1, today: '2026-01-11' }),
    );
    const first = await mawaeed(['dashboard', 'rollup']);
    expect(first.status, first.stderr).toBe(0);
    expect(Number(first.stdout.match(/Dashboard rollup done: (\d+) centre-day/)?.[1])).toBeGreaterThanOrEqual(
      10,
    );
    const again = await mawaeed(['dashboard', 'rollup']);
    expect(again.stdout).toContain('Dashboard rollup done: 0 centre-day(s)');
  });

  it('runs the retention purge now: old finished jobs go, recent ones and failures stay', async () => {
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    const job = (kind: string, status: 'done' | 'dead', finishedAt: Date) => ({
      kind,
      payload: {},
      status,
      runAt: finishedAt,
      finishedAt,
      createdAt: finishedAt,
      maxAttempts: 1,
    });
    await withDb((db) =>
      db
        .insert(jobs)
        .values([
          job('cli.old', 'done', daysAgo(40)),
          job('cli.recent', 'done', daysAgo(1)),
          job('cli.dead', 'dead', daysAgo(40)),
        ]),
    );
    const keyless = await mawaeed(['retention', 'run']);
    expect(keyless.status).toBe(2);
    expect(keyless.stderr).toContain('MAWAEED_DATA_KEY is required');
    env.MAWAEED_DATA_KEY = randomBytes(32).toString('hex');
    try {
      const res = await mawaeed(['retention', 'run']);
      expect(res.status, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/^done jobs +1$/m);
      expect(res.stdout).toContain('Retention purge done');
    } finally {
      delete env.MAWAEED_DATA_KEY;
    }
    const left = await withDb((db) =>
      db.select({ kind: jobs.kind }).from(jobs).where(like(jobs.kind, 'cli.%')),
    );
    expect(left.map((r) => r.kind).sort()).toEqual(['cli.dead', 'cli.recent']);
  }, 600_000);

  it('checks the health of a running instance', async () => {
    const t = await buildTestApp();
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const up = await mawaeed(['health', '--url', url]);
      expect(up.status, up.stdout).toBe(0);
      expect(up.stdout).toContain('/readyz  200 ok');
    } finally {
      await t.close();
    }
    const down = await mawaeed(['health', '--url', url, '--timeout', '1000']);
    expect(down.status).toBe(1);
    expect(down.stdout).toContain('/healthz  no answer');
  }, 600_000);
});
