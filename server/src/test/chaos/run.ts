import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { listOfferings, startBookingLoad } from './booking-load';
import type { Entry } from './history';
import { createHistory, type History } from './history';
import type { Figures } from './history-check';
import type { ServerProcess } from './server-process';

/** Seconds of load per test (CHAOS_SECONDS); CI runs a short version. */
export const chaosSeconds = Math.max(4, Number(process.env.CHAOS_SECONDS ?? 30));
/** Concurrent booking clients (CHAOS_CLIENTS). */
export const chaosClients = Math.max(1, Number(process.env.CHAOS_CLIENTS ?? 6));

let dir: string | undefined;

/** Where histories, server logs and the report of this run go (CHAOS_DIR, or a new temp directory). */
export function runDir(): string {
  if (!dir) {
    dir = process.env.CHAOS_DIR ?? mkdtempSync(join(tmpdir(), 'mawaeed-chaos-'));
    mkdirSync(dir, { recursive: true });
  }
  return dir;
}

/** Appends a test's figures to report.ndjson (scripts/test-chaos.mjs prints it as a table). */
export function report(test: string, figures: Record<string, unknown>) {
  appendFileSync(join(runDir(), 'report.ndjson'), `${JSON.stringify({ test, ...figures })}\n`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `ready()` is true; the time it took, or throws after `timeoutMs`. */
export async function waitFor(what: string, ready: () => Promise<boolean>, timeoutMs = 60_000) {
  const started = Date.now();
  while (!(await ready())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
  return Date.now() - started;
}

/** A test's history (NDJSON in the run directory) and its booking load on the server at `url`. */
export async function beginLoad(test: string, url: string) {
  const history = createHistory(join(runDir(), `${test}.ndjson`));
  const name = `Chaos ${test}`;
  const offerings = await listOfferings(url);
  const load = startBookingLoad({ url, history, clients: chaosClients, name, offerings });
  return { history, name, offerings, load };
}

/** SIGKILLs per test: one in the CI-short run, one more for every further 15 s of load. */
export const chaosKills = Math.max(1, Math.round(chaosSeconds / 15));

/**
 * Load runs for CHAOS_SECONDS while the server is killed with SIGKILL `chaosKills` times at even
 * intervals, each time started again on the same data; resolves with the running server and the
 * longest restart.
 */
export async function killUnderLoad(
  history: History,
  first: ServerProcess,
  start: () => Promise<ServerProcess>,
) {
  const gap = (chaosSeconds * 1000) / (chaosKills + 1);
  let server = first;
  let slowestRestartMs = 0;
  for (let i = 0; i < chaosKills; i++) {
    await sleep(gap);
    const kill = history.fault('SIGKILL server');
    const ended = await server.stop('SIGKILL');
    if (ended.signal !== 'SIGKILL') throw new Error(`the server ended by itself: ${JSON.stringify(ended)}`);
    const startedAt = Date.now();
    server = await start();
    kill.recovered();
    slowestRestartMs = Math.max(slowestRestartMs, Date.now() - startedAt);
  }
  await sleep(gap);
  return { server, slowestRestartMs };
}

/** What every chaos test asks of its history: no problem found, nothing lost, every key settled, no booking made behind a client's back. */
export function expectNothingLost(figures: Figures, problems: string[]) {
  expect(problems).toEqual([]);
  expect(figures.lost).toBe(0);
  expect(figures.unresolvedKeys).toBe(0);
  expect(figures.unacknowledgedCommits).toBe(0);
}

/** Bookings acknowledged to requests sent after `at` (that the server took bookings again after a fault). */
export function bookedSince(entries: Entry[], at: number) {
  return entries.filter((e) => e.type === 'request' && e.op === 'book' && e.status === 201 && e.at > at)
    .length;
}
