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

/** Process entry: config, database, migrations, demo data, then listen; close cleanly on signals. */
async function main() {
  const startedAt = performance.now();
  const config = readConfig();
  const dataKey = resolveDataKey(config);
  const database = await openDatabase(
    config.databaseUrl
      ? { engine: 'postgres', url: config.databaseUrl, poolSize: config.poolSize }
      : { engine: 'pglite', dataDir: resolve(config.dataDir, 'pglite') },
  );
  await migrate(database);
  const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  const app = await buildApp({
    config,
    database,
    clock: systemClock,
    dataKey,
    webRoot: existsSync(webRoot) ? webRoot : undefined,
  });
  let demoStaff: Awaited<ReturnType<typeof ensureDemoStaff>> = [];
  if (config.demo) {
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

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.drain();
      await app.jobs.stop();
      await app.close();
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
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const { port } = app.server.address() as AddressInfo;
  const base = config.port === 0 ? `http://localhost:${port}` : config.publicUrl;
  const lines = [
    '',
    `  Mawaeed is ready in ${seconds}s on ${database.engine === 'pglite' ? `the embedded database (${config.dataDir})` : 'PostgreSQL'}`,
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

main().catch((err) => {
  // A refusal the operator can act on is said in a sentence; anything else with its stack.
  console.error(err instanceof DataDirInUseError ? err.message : err);
  process.exit(1);
});
