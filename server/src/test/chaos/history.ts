import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * What a client saw, one line per request: the answer's status (null when none arrived, the
 * Jepsen "unknown"), how long it took, and for a booking its Idempotency-Key, requested start
 * and acknowledged reference. Faults are lines too, with when they began and when the server
 * answered ready again, so the checker knows which 503s were excused.
 */
export type RequestEntry = {
  type: 'request';
  op: 'availability' | 'book';
  client: number;
  at: number;
  ms: number;
  status: number | null;
  error?: string;
  code?: string;
  retryAfter?: string | null;
  key?: string;
  start?: string;
  reference?: string;
  /** Answered from the idempotency record of an earlier try with the same key. */
  replayed?: boolean;
};

export type FaultEntry = { type: 'fault'; name: string; at: number; recoveredAt?: number };

export type Entry = RequestEntry | FaultEntry;

export type History = {
  file: string;
  request(entry: Omit<RequestEntry, 'type'>): void;
  /** Records a fault as it starts; call `recovered()` when the server answers ready again. */
  fault(name: string): { recovered(): void };
  /** Every line written so far, read back from the file (what the checker trusts). */
  read(): Entry[];
};

/** An NDJSON history at `file`, appended line by line so a crashed test still leaves it. */
export function createHistory(file: string): History {
  writeFileSync(file, '');
  const write = (entry: Entry) => appendFileSync(file, `${JSON.stringify(entry)}\n`);
  return {
    file,
    request: (entry) => write({ type: 'request', ...entry }),
    fault(name) {
      const at = Date.now();
      write({ type: 'fault', name, at });
      return { recovered: () => write({ type: 'fault', name, at, recoveredAt: Date.now() }) };
    },
    read: () =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Entry),
  };
}
