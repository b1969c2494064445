import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type Database, openDatabase } from '../../db/client';
import { freePort } from './ports';

/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl on a free port, its socket in its own
 * directory, trust auth, fsync on), so faults never touch the machine's shared server. As root
 * (CI) every PostgreSQL program runs as the `postgres` user, since initdb refuses root.
 */
export type Cluster = {
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: every backend ends, PostgreSQL comes back on the same port. */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  destroy(): void;
  log(): string;
};

function binDir(): string {
  if (process.env.MAWAEED_CHAOS_PG_BIN) return process.env.MAWAEED_CHAOS_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], 'bin');
  return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
}

const asRoot = process.getuid?.() === 0;

function command(bin: string, program: string, args: string[]): [string, string[]] {
  return asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
    : [join(bin, program), args];
}

function run(bin: string, program: string, args: string[]) {
  const r = spawnSync(...command(bin, program, args), { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    throw new Error(`${program} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** Like `run`, without blocking the event loop: the load keeps going while PostgreSQL restarts. */
function runAsync(bin: string, program: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(...command(bin, program, args), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${program} ${args.join(' ')} failed (${code}):\n${out}`)),
    );
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = binDir();
  const root = mkdtempSync(join(tmpdir(), 'mawaeed-chaos-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(root, uid, gid);
  }
  const data = join(root, 'data');
  const logFile = join(root, 'postgres.log');
  let port = await freePort();
  while (port === 5432) port = await freePort();
  run(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=on',
    '-c synchronous_commit=on',
    '-c max_connections=60',
    '-c shared_buffers=32MB',
  ].join(' ');
  run(bin, 'pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    try {
      run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  // A test run that dies must not leave a postmaster behind.
  process.once('exit', destroy);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async restart() {
      await runAsync(bin, 'pg_ctl', ['-D', data, '-l', logFile, '-m', 'fast', '-w', '-t', '60', 'restart']);
    },
    destroy,
    log: () => spawnSync('tail', ['-n', '50', logFile], { encoding: 'utf8' }).stdout,
  };
}

/**
 * A test file's own cluster and a small pool on it for the checkers, started before its tests and
 * destroyed after them. Read `cluster` and `checker` inside tests (they are set by then).
 */
export function useCluster() {
  const ctx = {} as { cluster: Cluster; checker: Database };
  beforeAll(async () => {
    ctx.cluster = await startCluster();
    ctx.checker = await openDatabase({
      engine: 'postgres',
      url: ctx.cluster.url,
      poolSize: 2,
      applicationName: 'chaos-checker',
    });
  }, 120_000);
  afterAll(async () => {
    await ctx.checker?.close();
    ctx.cluster?.destroy();
  });
  return ctx;
}
