import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** One data key for every server of the run: all of them read what the others sealed. */
const dataKey = randomBytes(32).toString('hex');

export type ServerExit = { code: number | null; signal: NodeJS.Signals | null };

export type ServerProcess = {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resolves when the process has ended. */
  exited: Promise<ServerExit>;
  /** Sends a signal and waits for the process to end. */
  stop(signal: NodeJS.Signals): Promise<ServerExit>;
};

export type ServerOptions = {
  port: number;
  /** PostgreSQL when set; otherwise PGlite under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Every line the process writes is appended here. */
  logFile: string;
  env?: Record<string, string>;
};

/**
 * The real process entry (`src/main.ts`, as `npm start` runs it) on a fixed port, so a restart
 * answers on the same address. Demo data gives centres and offerings to book; the gates that would
 * stop a load generator (codes, captcha, rate limits, release delay) are off; the outbox polls
 * often and its lease is short so a restart picks up what a killed instance had claimed.
 */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverRoot,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl ?? '',
      DATABASE_POOL_SIZE: '10',
      MAWAEED_DATA_KEY: dataKey,
      MAWAEED_DEMO: 'on',
      MAWAEED_OTP: 'off',
      MAWAEED_CAPTCHA: 'off',
      MAWAEED_RATE_LIMIT: 'off',
      MAWAEED_RELEASE_DELAY: 'off',
      MAWAEED_REMINDERS: 'none',
      MAWAEED_JOBS_POLL_MS: '200',
      MAWAEED_JOBS_LEASE_MS: '5000',
      MAWAEED_JOBS_BACKOFF_MS: '500',
      MAWAEED_JOBS_BACKOFF_MAX_MS: '2000',
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<ServerExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntilReady(url, exited, 90_000);
  return {
    url,
    pid: child.pid ?? 0,
    child,
    exited,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function waitUntilReady(url: string, exited: Promise<ServerExit>, timeoutMs: number) {
  let ended: ServerExit | undefined;
  void exited.then((e) => {
    ended = e;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ended) throw new Error(`the server exited before it was ready (${JSON.stringify(ended)})`);
    if (await isReady(url)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s`);
}

/** `/readyz` answers 200: the process is up and its database answers. */
export async function isReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}
