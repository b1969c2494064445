import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BookingBody, findFreeSlots, listOfferings, nextPerson, postBooking } from './booking-load';
import { useCluster } from './cluster';
import { createHistory } from './history';
import { checkHistory } from './history-check';
import { checkOutbox, isOutboxSettled } from './outbox-check';
import { freePort } from './ports';
import {
  beginLoad,
  bookedSince,
  chaosClients,
  chaosSeconds,
  expectNothingLost,
  killUnderLoad,
  report,
  runDir,
  sleep,
  waitFor,
} from './run';
import { isReady, type ServerProcess, startServer } from './server-process';

const ctx = useCluster();
let port: number;
const dataDir = () => mkdtempSync(join(runDir(), 'data-'));

beforeAll(async () => {
  port = await freePort();
});

function start(test: string): Promise<ServerProcess> {
  return startServer({
    port,
    databaseUrl: ctx.cluster.url,
    dataDir: dataDir(),
    logFile: join(runDir(), `${test}.server.log`),
  });
}

/** Ends every connection the server holds, as an operator or a failover would. */
async function terminateServerBackends(): Promise<number> {
  const admin = new pg.Client({ connectionString: ctx.cluster.url, application_name: 'chaos-admin' });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'mawaeed'`,
    );
    return rows[0]?.n ?? 0;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL faults under booking load (a throwaway cluster)', () => {
  it('answers 503 with Retry-After while backends are terminated and PostgreSQL restarts, recovers by itself, loses no acknowledged booking', async () => {
    const test = 'pg-outage';
    const server = await start(test);
    const { history, name, load } = await beginLoad(test, server.url);
    const phase = (chaosSeconds * 1000) / 4;
    await sleep(phase);
    let terminated = 0;
    for (let i = 0; i < 3; i++) {
      const fault = history.fault('terminate backends');
      terminated += await terminateServerBackends();
      await waitFor('ready after terminated backends', () => isReady(server.url));
      fault.recovered();
      await sleep(phase / 3);
    }
    const restart = history.fault('restart PostgreSQL');
    const restartedAt = Date.now();
    await ctx.cluster.restart();
    await waitFor('ready after the restart', () => isReady(server.url));
    restart.recovered();
    const recoveryMs = Date.now() - restartedAt;
    const recoveredAt = Date.now();
    await sleep(phase);
    await load.stop();
    const exit = await server.stop('SIGTERM');

    const entries = history.read();
    const { figures, problems } = await checkHistory(ctx.checker.db, entries, {
      name,
      allowUnanswered: false,
    });
    const bookedAfter = bookedSince(entries, recoveredAt);
    report(test, {
      ...figures,
      backendsTerminated: terminated,
      recoveryMs,
      bookedAfterRecovery: bookedAfter,
    });
    expectNothingLost(figures, problems);
    // The outage was seen (not a vacuous pass), and bookings went through again after it.
    expect(figures.statuses['503']).toBeGreaterThan(0);
    expect(bookedAfter).toBeGreaterThan(0);
    // Fail fast: an outage is reported within the pool's connection timeout, not after a hang.
    expect(figures.slowest503Ms).toBeLessThan(6_000);
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('loses no acknowledged booking when the server is killed with SIGKILL mid-load and restarted, and the outbox delivers each message once', async () => {
    const test = 'pg-sigkill';
    const first = await start(test);
    const { history, name, load } = await beginLoad(test, first.url);
    const { server, slowestRestartMs } = await killUnderLoad(history, first, () => start(test));
    await load.stop();
    const outboxMs = await waitFor('outbox settled', () => isOutboxSettled(ctx.checker.db, name), 60_000);
    const exit = await server.stop('SIGTERM');

    const { figures, problems } = await checkHistory(ctx.checker.db, history.read(), {
      name,
      allowUnanswered: true,
    });
    const outbox = await checkOutbox(ctx.checker.db, name);
    report(test, { ...figures, ...outbox.figures, outboxSettledMs: outboxMs, slowestRestartMs });
    expect([...problems, ...outbox.problems]).toEqual([]);
    expect(figures.lost).toBe(0);
    expect(figures.unresolvedKeys).toBe(0);
    expect(figures.unacknowledgedCommits).toBe(0);
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('drains in-flight requests on SIGTERM: every request gets a real answer and the process exits 0', async () => {
    const test = 'pg-sigterm';
    const server = await start(test);
    const history = createHistory(join(runDir(), `${test}.ndjson`));
    const name = `Chaos ${test}`;
    const batch = Math.max(20, chaosClients * 8);
    // Free slots first, so the batch is bookings and reads that each take real work.
    const bodies: BookingBody[] = [];
    for (const [i, offering] of (await listOfferings(server.url)).entries()) {
      const { free } = await findFreeSlots(history, server.url, 0, offering, [3 + (i % 10), 3 + (i % 10)]);
      for (const slot of free.slice(0, batch - bodies.length))
        bodies.push({ ...offering, start: slot.start, customer: nextPerson(name) });
    }
    expect(bodies.length).toBe(batch);

    const requests = bodies.flatMap((body, i) => [
      postBooking(history, server.url, i, `${test}-${i}-${Date.now()}`, body),
      findFreeSlots(history, server.url, i, body, [3, 5]).then((r) => r.found),
    ]);
    // SIGTERM as soon as the first answer is back: the rest of the batch is in flight.
    await Promise.race(requests);
    const signal = history.fault('SIGTERM');
    const signalledAt = Date.now();
    const exit = await server.stop('SIGTERM');
    const answers = await Promise.all(requests);
    signal.recovered();

    const entries = history.read();
    const { figures, problems } = await checkHistory(ctx.checker.db, entries, {
      name,
      allowUnanswered: false,
    });
    const answeredAfterSignal = entries.filter(
      (e) => e.type === 'request' && e.at + e.ms > signalledAt,
    ).length;
    report(test, { ...figures, answeredAfterSignal });
    expect(problems).toEqual([]);
    expect(answers.filter((a) => a.status === null)).toEqual([]);
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
