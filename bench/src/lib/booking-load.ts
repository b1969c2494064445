import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { seededRandom } from './random';

export type BookingLoadPlan = {
  /** POST target, e.g. http://127.0.0.1:41234/api/v1/bookings. */
  url: string;
  centreId: string;
  serviceId: string;
  /** Slot starts; each request picks one at random (seeded), as booking_random.sql picks ids. */
  slots: string[];
  seed: number;
  /** Requests in flight at any time, each client sending its next as soon as one answers. */
  clients: number;
  /** Answers to requests sent during the warm-up are counted apart from the measured ones. */
  warmupMs: number;
  /** No request is sent after warm-up + this; the ones in flight are awaited and counted. */
  durationMs: number;
  /** Request i books for CPR firstCpr + i: every request is a different person. */
  firstCpr: number;
  /**
   * A burst instead of a timed run: exactly these requests, request i on slot `order[i]` (an index
   * into `slots`), with no warm-up and no deadline; `elapsedMs` runs from the first to the last answer.
   */
  order?: readonly number[];
  /** More instances of the app: request i goes to `urls[i % urls.length]` (round-robin) instead of `url`. */
  urls?: readonly string[];
};

/** Answers by "201" or "<status> <problem code>", e.g. "409 SLOT_FULL"; "network" for failures. */
export type Answers = Record<string, number>;

export type BookingLoadResult = {
  warmup: Answers;
  measured: Answers;
  /** Send to last byte of the answer, ms, for every measured request. */
  latenciesMs: Float64Array;
  /** From the end of the warm-up until the last measured answer arrived. */
  elapsedMs: number;
};

/**
 * Fires the plan's requests from a worker thread, so the load generator has its own event loop
 * and does not queue behind the app it measures (the app, and PGlite with it, run on the main
 * thread). The CPU is still shared: on 2 cores the client, the app and PostgreSQL compete.
 */
export function runBookingLoad(plan: BookingLoadPlan): Promise<BookingLoadResult> {
  // A worker does not inherit tsx's loader from `node --import tsx` on Node 20: register it first.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: plan });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: BookingLoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited with ${code} before answering`)));
  });
}

async function drive(plan: BookingLoadPlan): Promise<BookingLoadResult> {
  const random = seededRandom(plan.seed);
  const warmup: Answers = {};
  const measured: Answers = {};
  const latencies: number[] = [];
  const started = performance.now();
  const warmEnd = started + plan.warmupMs;
  const deadline = warmEnd + plan.durationMs;
  let sent = 0;
  const { order, urls } = plan;
  const isDone = (now: number) => (order ? sent >= order.length : now >= deadline);

  async function client() {
    for (let now = performance.now(); !isDone(now); now = performance.now()) {
      const inWarmup = now < warmEnd;
      const i = sent++;
      const cpr = String(plan.firstCpr + i).padStart(9, '0');
      const start = plan.slots[order ? (order[i] ?? 0) : Math.floor(random() * plan.slots.length)];
      const target = urls ? (urls[i % urls.length] ?? plan.url) : plan.url;
      const body = JSON.stringify({
        centreId: plan.centreId,
        serviceId: plan.serviceId,
        start,
        customer: { cpr, name: 'Bench Person', mobile: '36001234', language: 'en' },
      });
      let answer: string;
      try {
        const res = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await res.text();
        answer = res.status === 201 ? '201' : `${res.status} ${problemCode(text)}`;
      } catch {
        answer = 'network';
      }
      const tally = inWarmup ? warmup : measured;
      tally[answer] = (tally[answer] ?? 0) + 1;
      if (!inWarmup) latencies.push(performance.now() - now);
    }
  }

  await Promise.all(Array.from({ length: plan.clients }, client));
  return {
    warmup,
    measured,
    latenciesMs: Float64Array.from(latencies),
    elapsedMs: performance.now() - warmEnd,
  };
}

function problemCode(text: string): string {
  try {
    return String((JSON.parse(text) as { code?: unknown }).code ?? 'no code');
  } catch {
    return 'not JSON';
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void drive(workerData as BookingLoadPlan).then((result) =>
    port.postMessage(result, [result.latenciesMs.buffer as ArrayBuffer]),
  );
}
