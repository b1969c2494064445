import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { checkHistory } from './history-check';
import { checkOutbox } from './outbox-check';
import { freePort } from './ports';
import { beginLoad, killUnderLoad, report, runDir, sleep } from './run';
import { type ServerProcess, startServer } from './server-process';

/** The outbox lease the servers run with (server-process.ts) and a margin for the poll and retries. */
const OUTBOX_SETTLE_MS = 5_000 + 4_000;

it('on PGlite, loses no acknowledged booking when the server is killed with SIGKILL mid-load and restarted on the same data directory, and the outbox delivers each message once', async () => {
  const test = 'pglite-sigkill';
  const dataDir = mkdtempSync(join(runDir(), 'pglite-'));
  const port = await freePort();
  const start = (): Promise<ServerProcess> =>
    startServer({ port, dataDir, logFile: join(runDir(), `${test}.server.log`) });
  const first = await start();
  const { history, name, load } = await beginLoad(test, first.url);
  const { server, slowestRestartMs } = await killUnderLoad(history, first, start);
  await load.stop();
  // PGlite is one process's: the database can be read only once the server has let go of it, so
  // the jobs the killed instance had claimed are given their lease to come back first.
  await sleep(OUTBOX_SETTLE_MS);
  const exit = await server.stop('SIGTERM');

  const database = await openDatabase({ engine: 'pglite', dataDir: join(dataDir, 'pglite') });
  try {
    const { figures, problems } = await checkHistory(database.db, history.read(), {
      name,
      allowUnanswered: true,
    });
    const outbox = await checkOutbox(database.db, name);
    report(test, { ...figures, ...outbox.figures, slowestRestartMs });
    expect([...problems, ...outbox.problems]).toEqual([]);
    expect(figures.lost).toBe(0);
    expect(figures.unresolvedKeys).toBe(0);
    expect(figures.unacknowledgedCommits).toBe(0);
    expect(exit).toEqual({ code: 0, signal: null });
  } finally {
    await database.close();
  }
});
