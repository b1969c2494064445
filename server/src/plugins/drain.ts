import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The first half of a graceful shutdown: /readyz answers 503 and every answer closes its
     * connection, while requests keep being served until none has started for a few ticks of the
     * event loop (at most `maxMs`). Only then may the listener close (`app.close()`): closing it at
     * once resets connections still in the kernel's backlog, and closing "idle" connections
     * resets those whose request has arrived but is not parsed yet.
     */
    drain(options?: { tickMs?: number; quietTicks?: number; maxMs?: number }): Promise<void>;
    isDraining(): boolean;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const drainPlugin = fp(async (app: FastifyInstance) => {
  let draining = false;
  let started = 0;
  app.addHook('onRequest', (_req, _reply, done) => {
    started++;
    done();
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });
  app.decorate('isDraining', () => draining);
  app.decorate('drain', async ({ tickMs = 100, quietTicks = 3, maxMs = 5_000 } = {}) => {
    draining = true;
    const until = Date.now() + maxMs;
    let quiet = 0;
    let seen = started;
    // Ticks, not one long timer: each tick is a turn of the event loop, which accepts and parses
    // whatever connections arrived meanwhile, so "quiet" means nothing was waiting.
    while (quiet < quietTicks && Date.now() < until) {
      await sleep(tickMs);
      quiet = started === seen ? quiet + 1 : 0;
      seen = started;
    }
  });
});
