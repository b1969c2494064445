import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCluster } from './cluster';
import { startFaultyProxy } from './faulty-proxy';
import type { Entry, RequestEntry } from './history';
import { checkHistory } from './history-check';
import { freePort } from './ports';
import {
  beginLoad,
  bookedSince,
  chaosSeconds,
  expectNothingLost,
  report,
  runDir,
  sleep,
  waitFor,
} from './run';
import { isReady, startServer } from './server-process';

const ctx = useCluster();

async function start(test: string, databaseUrl: string) {
  return startServer({
    port: await freePort(),
    databaseUrl,
    dataDir: mkdtempSync(join(runDir(), 'data-')),
    logFile: join(runDir(), `${test}.server.log`),
  });
}

/** Keys whose answer was lost at least once and later came back as a replay of the first try's booking. */
function resolvedByReplay(entries: Entry[]) {
  const byKey = new Map<string, RequestEntry[]>();
  for (const e of entries)
    if (e.type === 'request' && e.op === 'book' && e.key) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  return [...byKey.values()].filter(
    (tries) => tries.some((t) => t.status === null) && tries.some((t) => t.status === 201 && t.replayed),
  ).length;
}

describe('network faults (a throwaway cluster and a faulty TCP proxy)', () => {
  it('between clients and the API: an answer lost after the commit is recovered by retrying with the same Idempotency-Key, and nothing is booked twice', async () => {
    const test = 'net-lost-answers';
    const server = await start(test, ctx.cluster.url);
    const proxy = await startFaultyProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    const { history, name, load } = await beginLoad(test, `http://127.0.0.1:${proxy.port}`);
    const fault = history.fault('answers cut, 100 ms latency');
    proxy.setLatency(100);
    proxy.cutAnswers(0.15);
    await sleep((chaosSeconds * 1000) / 2);
    proxy.cutAnswers(0);
    proxy.setLatency(0);
    fault.recovered();
    await load.stop();
    const exit = await server.stop('SIGTERM');
    await proxy.close();

    const entries = history.read();
    const { figures, problems } = await checkHistory(ctx.checker.db, entries, {
      name,
      allowUnanswered: true,
    });
    const replays = resolvedByReplay(entries);
    report(test, { ...figures, ...proxy.figures(), resolvedByReplay: replays });
    expectNothingLost(figures, problems);
    // The fault happened and was survived the way a client survives it: the retry got the booking
    // the lost answer had made, not a second one.
    expect(proxy.figures().answersCut).toBeGreaterThan(0);
    expect(replays).toBeGreaterThan(0);
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('between the API and PostgreSQL: a slow network gives no errors, a partition gives 503 with Retry-After, and the server recovers by itself with no acknowledged booking lost', async () => {
    const test = 'net-db-partition';
    const proxy = await startFaultyProxy({ host: '127.0.0.1', port: ctx.cluster.port });
    const viaProxy = new URL(ctx.cluster.url);
    viaProxy.port = String(proxy.port);
    const server = await start(test, viaProxy.toString());
    const { history, name, load } = await beginLoad(test, server.url);
    const phase = (chaosSeconds * 1000) / 4;
    await sleep(phase);
    // 50 ms each way on every packet: slower, but not a fault the clients may see as an error.
    proxy.setLatency(50);
    await sleep(phase);
    proxy.setLatency(0);
    const cut = history.fault('partition from PostgreSQL');
    proxy.partition();
    await sleep(2_000);
    proxy.heal();
    const recoveryMs = await waitFor('ready after the partition', () => isReady(server.url));
    cut.recovered();
    const recoveredAt = Date.now();
    await sleep(phase);
    await load.stop();
    const exit = await server.stop('SIGTERM');
    await proxy.close();

    const entries = history.read();
    const { figures, problems } = await checkHistory(ctx.checker.db, entries, {
      name,
      allowUnanswered: false,
    });
    const bookedAfter = bookedSince(entries, recoveredAt);
    report(test, { ...figures, ...proxy.figures(), recoveryMs, bookedAfterRecovery: bookedAfter });
    expectNothingLost(figures, problems);
    expect(proxy.figures().partitioned).toBeGreaterThan(0);
    expect(figures.statuses['503']).toBeGreaterThan(0);
    expect(bookedAfter).toBeGreaterThan(0);
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
