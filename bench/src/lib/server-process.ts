import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export type ServerProcess = {
  /** http://127.0.0.1:<port> */
  url: string;
  pid: number;
  /** From spawning the process to its ready banner on stdout (the server listens, with its data). */
  readyMs: number;
  /** What the server itself says in its banner ("ready in 1.4s"), in ms. */
  selfReportedMs: number;
  /** Resident memory now and its peak so far (VmRSS, VmHWM), MiB. */
  memory(): { rss_mib: number; peak_rss_mib: number };
  /** CPU seconds the process has used (user + system). */
  cpuSeconds(): number;
  /** SIGTERM, and the exit code once it has ended. */
  stop(): Promise<number | null>;
  output(): string;
};

/**
 * A server as a process of its own, e.g. `node scripts/start.mjs` (what `npm start` runs) or
 * `node server/dist/main.js`, on a free loopback port; resolves when it prints its banner.
 */
export async function startServerProcess(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<ServerProcess> {
  const started = performance.now();
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  // e.g. BENCH_SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof": Node refuses --cpu-prof in NODE_OPTIONS.
  const flags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, ...args], {
    cwd: repoRoot,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const banner = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready banner in ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    child.stdout.on('data', (d) => {
      out += d;
      const m = /ready in ([\d.]+)s[\s\S]*Portal:\s+http:\/\/localhost:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${out}`));
    });
  });
  const readyMs = performance.now() - started;
  const pid = child.pid ?? 0;
  // The last reading stands once the process has ended.
  let lastStatus = '';
  const status = () => {
    if (child.exitCode === null && child.signalCode === null) {
      lastStatus = readFileSync(`/proc/${pid}/status`, 'utf8');
    }
    return lastStatus;
  };
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status())?.[1] ?? 0);
  return {
    url: `http://127.0.0.1:${banner[2]}`,
    pid,
    readyMs: Math.round(readyMs),
    selfReportedMs: Math.round(Number(banner[1]) * 1000),
    memory: () => ({
      rss_mib: Math.round(kib('VmRSS') / 1024),
      peak_rss_mib: Math.round(kib('VmHWM') / 1024),
    }),
    cpuSeconds() {
      // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks, after the command's ")".
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    output: () => out,
  };
}
