import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { readConfig } from './config';
import { openDatabase } from './db/client';
import { migrate } from './db/migrate';
import { loadDemoData } from './features/demo/load';
import { systemClock } from './lib/clock';
import { resolveDataKey } from './lib/data-key';

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
  if (config.demo) {
    const loaded = await loadDemoData({ db: database.db, clock: systemClock });
    if (loaded) app.log.info(loaded, 'demo data loaded');
  }

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
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
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
