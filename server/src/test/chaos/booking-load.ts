import { randomUUID } from 'node:crypto';
import type { History, RequestEntry } from './history';

type Offering = { centreId: string; serviceId: string };
type Slot = { start: string; remaining: number };

export type Answer = {
  status: number | null;
  error?: string;
  code?: string;
  retryAfter?: string | null;
  body?: unknown;
  /** The server answered from its idempotency record: the work was done by an earlier try. */
  replayed?: boolean;
  ms: number;
};

/** One HTTP call as the history records it: a status, or the error when no answer came. */
export async function call(url: string, init: RequestInit = {}, timeoutMs = 20_000): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const code = (body as { code?: unknown } | undefined)?.code;
    return {
      status: res.status,
      ...(typeof code === 'string' ? { code } : {}),
      retryAfter: res.headers.get('retry-after'),
      ...(res.headers.get('idempotent-replayed') === 'true' ? { replayed: true } : {}),
      body,
      ms: performance.now() - started,
    };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return {
      status: null,
      error: cause?.code ?? cause?.message ?? (err as Error).name,
      ms: performance.now() - started,
    };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cprSeq = 100_000_000 + Math.floor(Math.random() * 800_000_000);

/** A person no other request of this process used. */
export function nextPerson(name: string) {
  cprSeq = cprSeq >= 999_999_990 ? 100_000_000 : cprSeq + 7;
  return {
    cpr: String(cprSeq),
    name,
    mobile: `3${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`,
    language: 'en' as const,
  };
}

/** Every (centre, service) the public catalogue offers. */
export async function listOfferings(url: string): Promise<Offering[]> {
  const answer = await call(`${url}/api/v1/centres`);
  if (answer.status !== 200) throw new Error(`GET /centres answered ${answer.status ?? answer.error}`);
  const { items } = answer.body as { items: { id: string; services: string[] }[] };
  return items.flatMap((c) => c.services.map((serviceId) => ({ centreId: c.id, serviceId })));
}

/** Appends one answer to the history. */
export function recordAnswer(
  history: History,
  entry: Pick<RequestEntry, 'op' | 'client' | 'at'> & Partial<RequestEntry>,
  a: Answer,
) {
  history.request({
    ...entry,
    ms: Math.round(a.ms),
    status: a.status,
    ...(a.error ? { error: a.error } : {}),
    ...(a.code ? { code: a.code } : {}),
    ...(a.replayed ? { replayed: true } : {}),
    ...(a.status !== null && a.status >= 500 ? { retryAfter: a.retryAfter ?? null } : {}),
  });
}

export type BookingBody = { centreId: string; serviceId: string; start: string; customer: unknown };

/** POST /bookings with an Idempotency-Key, recorded with the key, the start and any reference. */
export async function postBooking(
  history: History,
  url: string,
  client: number,
  key: string,
  body: BookingBody,
) {
  const at = Date.now();
  const answer = await call(`${url}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const reference = answer.status === 201 ? (answer.body as { reference?: string }).reference : undefined;
  recordAnswer(
    history,
    { op: 'book', client, at, key, start: body.start, ...(reference ? { reference } : {}) },
    answer,
  );
  return answer;
}

const localDate = (daysAhead: number) =>
  new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);

/** The free slots of an offering between two days ahead of today, with the answer as recorded. */
export async function findFreeSlots(
  history: History,
  url: string,
  client: number,
  offering: Offering,
  days: [number, number],
) {
  const at = Date.now();
  const found = await call(
    `${url}/api/v1/centres/${offering.centreId}/availability?service=${offering.serviceId}&from=${localDate(days[0])}&to=${localDate(days[1])}`,
  );
  recordAnswer(history, { op: 'availability', client, at }, found);
  const free =
    found.status === 200
      ? (found.body as { days: { slots: Slot[] }[] }).days
          .flatMap((d) => d.slots)
          .filter((s) => s.remaining > 0)
      : [];
  return { found, free };
}

export type BookingLoad = {
  /** Stops starting new bookings; each client still settles the key in hand, within `settleMs`. */
  stop(settleMs?: number): Promise<void>;
};

/**
 * Clients booking distinct people into free slots through the public API: GET availability for a
 * few days of a random offering, POST a booking for a random free slot with a fresh CPR and
 * Idempotency-Key. A 5xx or no answer is retried with the same key and body (after Retry-After,
 * capped at 1 s) until a final answer, as a careful client would; every try is in the history.
 */
export function startBookingLoad(options: {
  url: string;
  history: History;
  clients: number;
  /** The contact name of every booking of this run. */
  name: string;
  offerings: Offering[];
}): BookingLoad {
  const { url, history, name, offerings } = options;
  let stopping = false;
  let settleBy = Number.POSITIVE_INFINITY;

  const pause = (a: Answer) => sleep(Math.min(1_000, Number(a.retryAfter ?? 0) * 1000 || 200));

  async function client(id: number) {
    while (!stopping) {
      const offering = offerings[Math.floor(Math.random() * offerings.length)];
      if (!offering) return;
      const from = 1 + Math.floor(Math.random() * 20);
      const { found, free } = await findFreeSlots(history, url, id, offering, [from, from + 2]);
      if (found.status !== 200) {
        await pause(found);
        continue;
      }
      const slot = free[Math.floor(Math.random() * free.length)];
      if (!slot) continue;
      const key = randomUUID();
      const body = { ...offering, start: slot.start, customer: nextPerson(name) };
      for (;;) {
        const answer = await postBooking(history, url, id, key, body);
        if (answer.status !== null && answer.status < 500) break;
        if (Date.now() > settleBy) break;
        await pause(answer);
      }
    }
  }

  const running = Array.from({ length: options.clients }, (_, i) => client(i));
  return {
    async stop(settleMs = 30_000) {
      stopping = true;
      settleBy = Date.now() + settleMs;
      await Promise.all(running);
    },
  };
}
