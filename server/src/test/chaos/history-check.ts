import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../db/client';
import { checkInvariants } from '../invariants';
import type { Entry, FaultEntry, RequestEntry } from './history';

export type Figures = {
  requests: number;
  statuses: Record<string, number>;
  faults: number;
  /** Booking keys answered 201 (a key retried after a fault counts once). */
  acknowledged: number;
  /** Acknowledged bookings missing from the database, or not confirmed at the start they were given. */
  lost: number;
  /** Requests that got no answer at all (connection refused or reset). */
  unanswered: number;
  /** Keys that never got a final answer, and confirmed bookings no client was told about. */
  unresolvedKeys: number;
  unacknowledgedCommits: number;
  /** The slowest 503: how fast an outage is reported. */
  slowest503Ms: number;
};

export type Verdict = { figures: Figures; problems: string[] };

export type CheckOptions = {
  /** The contact name every booking of this run carries, so earlier runs on the database are left out. */
  name: string;
  /** May a request get no answer (the server was killed)? */
  allowUnanswered: boolean;
  /** How long after a fault's recovery a 503 is still excused. */
  graceMs?: number;
};

/**
 * Verifies a history against the database: every 201 is a confirmed booking at the start it was
 * given, no key was answered with two references, no confirmed booking of the run is unknown to
 * the clients beyond the keys left unresolved, every 5xx is a 503 with Retry-After inside a
 * fault window, and the invariant checker passes.
 */
export async function checkHistory(db: Queryable, entries: Entry[], options: CheckOptions): Promise<Verdict> {
  const problems: string[] = [];
  const requests = entries.filter((e): e is RequestEntry => e.type === 'request');
  const windows = faultWindows(entries, options.graceMs ?? 3_000);

  const statuses: Record<string, number> = {};
  let unanswered = 0;
  let slowest503Ms = 0;
  for (const r of requests) {
    const label = r.status === null ? `none (${r.error})` : String(r.status);
    statuses[label] = (statuses[label] ?? 0) + 1;
    if (r.status === null) {
      unanswered++;
      if (!options.allowUnanswered) problems.push(`no answer to ${r.op} at ${iso(r.at)}: ${r.error}`);
      continue;
    }
    if (r.status === 503) slowest503Ms = Math.max(slowest503Ms, r.ms);
    if (r.status < 500) continue;
    if (r.status !== 503) problems.push(`${r.op} at ${iso(r.at)} answered ${r.status} ${r.code ?? ''}`);
    else if (!r.retryAfter) problems.push(`503 without Retry-After at ${iso(r.at)}`);
    else if (!windows.some(([from, to]) => r.at + r.ms >= from && r.at <= to))
      problems.push(`503 outside every fault window at ${iso(r.at)} (${r.code ?? ''})`);
  }

  // One reference per key; a key is resolved by a 201 or by a refusal that is its own answer.
  const answers = new Map<string, { reference?: string; start?: string; resolved: boolean }>();
  for (const r of requests) {
    if (r.op !== 'book' || !r.key) continue;
    const seen = answers.get(r.key) ?? { resolved: false };
    if (r.status === 201 && r.reference) {
      if (seen.reference && seen.reference !== r.reference)
        problems.push(`key ${r.key} answered with ${seen.reference} and ${r.reference}`);
      seen.reference = r.reference;
      seen.start = r.start;
    }
    if (r.status !== null && r.status < 500) seen.resolved = true;
    answers.set(r.key, seen);
  }
  const acknowledged = [...answers.values()].filter((a) => a.reference);
  const unresolvedKeys = [...answers.values()].filter((a) => !a.resolved).length;

  const rows = await queryRows<{ reference: string; status: string; starts_at: Date | string }>(
    db,
    sql`SELECT reference, status, starts_at FROM bookings WHERE contact_name = ${options.name}`,
  );
  const stored = new Map(rows.map((r) => [r.reference, r]));
  let lost = 0;
  for (const a of acknowledged) {
    const row = a.reference ? stored.get(a.reference) : undefined;
    const start = row ? new Date(row.starts_at).toISOString() : undefined;
    if (row?.status !== 'confirmed' || start !== new Date(a.start ?? 0).toISOString()) {
      lost++;
      problems.push(
        `acknowledged ${a.reference} at ${a.start} is ${row ? `${row.status} at ${start}` : 'missing'}`,
      );
    }
  }
  const told = new Set(acknowledged.map((a) => a.reference));
  const unacknowledgedCommits = rows.filter((r) => r.status === 'confirmed' && !told.has(r.reference)).length;
  if (unacknowledgedCommits > unresolvedKeys)
    problems.push(
      `${unacknowledgedCommits} confirmed bookings no client was told about, but only ${unresolvedKeys} keys unresolved`,
    );

  for (const broken of (await checkInvariants(db)).filter((i) => i.violations.length > 0))
    problems.push(`invariant "${broken.name}": ${JSON.stringify(broken.violations.slice(0, 3))}`);

  return {
    figures: {
      requests: requests.length,
      statuses,
      faults: entries.filter((e) => e.type === 'fault' && e.recoveredAt === undefined).length,
      acknowledged: acknowledged.length,
      lost,
      unanswered,
      unresolvedKeys,
      unacknowledgedCommits,
      slowest503Ms: Math.round(slowest503Ms),
    },
    problems,
  };
}

/** [from, to] per fault: from its start to its recovery plus grace (open-ended if it never recovered). */
function faultWindows(entries: Entry[], graceMs: number): [number, number][] {
  const faults = entries.filter((e): e is FaultEntry => e.type === 'fault');
  return faults
    .filter((f) => f.recoveredAt === undefined)
    .map((f) => {
      const end = faults.find((g) => g.name === f.name && g.at === f.at && g.recoveredAt !== undefined);
      return [f.at, end?.recoveredAt !== undefined ? end.recoveredAt + graceMs : Number.POSITIVE_INFINITY];
    });
}

const iso = (ms: number) => new Date(ms).toISOString();
