import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const base = process.env.MAWAEED_TEST_PG_URL ?? '';
const name = `mawaeed_cluster_${randomBytes(6).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
});
afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

/** The process ids of `pid`'s workers (children running main.ts; tsx also starts esbuild). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', 'main\\.ts'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .sort();
  } catch {
    return [];
  }
}

async function until<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// On PostgreSQL only: MAWAEED_WORKERS refuses the embedded database.
describe('MAWAEED_WORKERS=2', () => {
  it('serves from two workers on one port, replaces a worker that dies, and stops all on SIGTERM', async () => {
    const url = new URL(base);
    url.pathname = `/${name}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverRoot,
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        MAWAEED_WORKERS: '2',
        MAWAEED_DEMO: 'off',
        MAWAEED_DATA_KEY: randomBytes(32).toString('hex'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const portal = await until(
        () => /Portal:\s+(http:\/\/localhost:\d+)\//.exec(out)?.[1],
        (v) => v !== undefined,
        60_000,
      );
      expect(out).toContain('with 2 workers');
      const workers = childrenOf(child.pid ?? 0);
      expect(workers).toHaveLength(2);
      const health = await Promise.all(Array.from({ length: 20 }, () => fetch(`${portal}/healthz`)));
      expect(health.map((r) => r.status)).toEqual(Array(20).fill(200));

      // A worker killed outright is replaced, and the port keeps answering meanwhile.
      process.kill(workers[0] ?? 0, 'SIGKILL');
      const replaced = await until(
        () => childrenOf(child.pid ?? 0),
        (now) => now.length === 2 && !now.includes(workers[0] ?? 0),
      );
      expect(replaced).toContain(workers[1]);
      expect(out).toMatch(/worker \d+ ended \(SIGKILL\); starting another/);
      await until(
        () => fetch(`${portal}/healthz`).then((r) => r.status),
        (s) => s === 200,
      );

      child.kill('SIGTERM');
      expect(await exited, out).toBe(0);
      expect(replaced.filter((pid) => isRunning(pid))).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
