import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { readConfig } from './config';
import { openDatabase } from './db/client';
import { DataDirInUseError } from './db/data-dir-lock';
import { migrate } from './db/migrate';
import { seedDemoHistory } from './features/demo/history';
import { loadDemoData } from './features/demo/load';
import { ensureDemoStaff } from './features/staff/accounts';
import { systemClock } from './lib/clock';
import { resolveDataKey } from './lib/data-key';
import { createPersonalData } from './lib/personal-data';

type DemoStaff = Awaited<ReturnType<typeof ensureDemoStaff>>;

/**
 * One instance: config, database, migrations, demo data, then listen; close cleanly on signals.
 * `role` "single" does all of it and prints the banner; "seed" (a cluster's primary) stops after
 * the demo data; "worker" (a cluster's worker) skips migrations and demo data, which its primary
 * did, and reports its port to the primary instead of printing.
 */
async function startInstance(role: 'single' | 'seed' | 'worker'): Promise<DemoStaff> {
  const startedAt = performance.now();
  const config = readConfig();
  const dataKey = resolveDataKey(config);
  const database = await openDatabase(
    config.databaseUrl
      ? { engine: 'postgres', url: config.databaseUrl, poolSize: config.poolSize }
      : { engine: 'pglite', dataDir: resolve(config.dataDir, 'pglite') },
  );
  if (role !== 'worker') await migrate(database);
  const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  const app = await buildApp({
    config,
    database,
    clock: systemClock,
    dataKey,
    webRoot: existsSync(webRoot) ? webRoot : undefined,
  });
  let demoStaff: DemoStaff = [];
  if (config.demo && role !== 'worker') {
    const loaded = await loadDemoData({ db: database.db, clock: systemClock });
    if (loaded) app.log.info(loaded, 'demo data loaded');
    if (loaded) {
      const started = Date.now();
      const history = await seedDemoHistory({
        db: database.db,
        clock: systemClock,
        personalData: createPersonalData(dataKey),
      });
      app.log.info(
        { ...history, invited: await app.feedback.inviteRecentVisits(3), ms: Date.now() - started },
        'demo history seeded',
      );
    }
    demoStaff = await ensureDemoStaff(database.db);
  }
  if (role === 'seed') {
    await app.close();
    await database.close();
    return demoStaff;
  }

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      // Each step says when it is done: a shutdown that overruns its 10 s shows where it stuck.
      await app.drain();
      app.log.info('requests drained');
      await app.jobs.stop();
      app.log.info('job worker stopped');
      await app.close();
      app.log.info('server closed');
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (config.jobs.worker) app.jobs.start(config.jobs.pollMs);
  const { port } = app.server.address() as AddressInfo;
  if (role === 'worker') {
    process.send?.({ listening: port });
  } else {
    printBanner({
      startedAt,
      port,
      demoStaff,
      where: database.engine === 'pglite' ? `the embedded database (${config.dataDir})` : 'PostgreSQL',
    });
  }
  return demoStaff;
}

function printBanner(o: {
  startedAt: number;
  port: number;
  demoStaff: DemoStaff;
  where: string;
  workers?: number;
}) {
  const config = readConfig();
  const seconds = ((performance.now() - o.startedAt) / 1000).toFixed(1);
  const base = config.port === 0 ? `http://localhost:${o.port}` : config.publicUrl;
  const demoStaff = o.demoStaff;
  const lines = [
    '',
    `  Mawaeed is ready in ${seconds}s on ${o.where}${o.workers ? ` with ${o.workers} workers` : ''}`,
    `  Portal:   ${base}/`,
    `  API docs: ${base}/docs`,
    ...(demoStaff.length
      ? [
          '',
          '  Demo staff (demo mode only):',
          ...demoStaff.map((s) => `    ${s.role.padEnd(15)} ${s.email}  /  ${s.password}`),
        ]
      : []),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * MAWAEED_WORKERS > 1 (PostgreSQL only): this process migrates and seeds, then forks that many
 * workers sharing one port through Node's cluster module, restarts one that dies, and on SIGTERM
 * or SIGINT stops them all (each drains its requests) before exiting.
 */
async function runPrimary(workers: number) {
  const startedAt = performance.now();
  const demoStaff = await startInstance('seed');
  // Workers run this module itself, not the script that started the primary (npm start builds).
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
  let stopping = false;
  let failed = false;
  const ports = new Map<number, number>();
  let printed = false;
  const fork = () => {
    const worker = cluster.fork({ MAWAEED_CLUSTER_WORKER: '1' });
    worker.on('message', (message: { listening?: number }) => {
      if (typeof message?.listening !== 'number') return;
      ports.set(worker.id, message.listening);
      if (!printed && ports.size === workers) {
        printed = true;
        printBanner({ startedAt, port: message.listening, demoStaff, where: 'PostgreSQL', workers });
      }
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    ports.delete(worker.id);
    if (stopping) {
      // A worker still starting has no handler yet, and ends by the signal itself: that is a stop too.
      if (code !== 0 && signal !== 'SIGTERM') failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    console.error(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(0);
    for (const worker of running) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (let i = 0; i < workers; i++) fork();
}

async function main() {
  if (cluster.isWorker) {
    await startInstance('worker');
    return;
  }
  const { workers } = readConfig();
  if (workers > 1) await runPrimary(workers);
  else await startInstance('single');
}

main().catch((err) => {
  // A refusal the operator can act on is said in a sentence; anything else with its stack.
  console.error(err instanceof DataDirInUseError ? err.message : err);
  process.exit(1);
});
