import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pg from 'pg';
import { repoRoot } from './server-process';

const run = promisify(execFile);

export type HttpLoad = { connections: number; seconds: number; warmupSeconds: number };

export type HttpLoadResult = {
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  requests: number;
  non_2xx: number;
  errors: number;
};

/**
 * autocannon against `url` for `load.seconds` after a discarded warm-up, from its own process so
 * it does not share the event loop of the server it measures (the CPU it still shares).
 * autocannon's latency percentiles are whole milliseconds.
 */
export async function runAutocannon(url: string, load: HttpLoad): Promise<HttpLoadResult> {
  const bin = join(repoRoot, 'node_modules', 'autocannon', 'autocannon.js');
  const args = (seconds: number) => [
    bin,
    '-c',
    String(load.connections),
    '-d',
    String(seconds),
    '--json',
    url,
  ];
  if (load.warmupSeconds > 0) await run(process.execPath, args(load.warmupSeconds));
  const { stdout } = await run(process.execPath, args(load.seconds), { maxBuffer: 16 * 1024 * 1024 });
  const out = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number; max: number };
    non2xx: number;
    errors: number;
  };
  return {
    requests_per_s: Math.round(out.requests.average),
    p50_ms: out.latency.p50,
    p99_ms: out.latency.p99,
    max_ms: out.latency.max,
    requests: out.requests.total,
    non_2xx: out.non2xx,
    errors: out.errors,
  };
}

/**
 * The HTTP ceiling: a hello-world route on Fastify 5 with the app's own setup (zod compilers,
 * request ids, no logging as in the benches) and none of its plugins or database.
 */
export async function startHelloWorld(options: { answer?: string } = {}) {
  const app = Fastify({ logger: false, genReqId: () => randomUUID(), bodyLimit: 64 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.get('/hello', async () => ({ hello: 'world' }));
  // A fixed JSON answer, encoded once and sent as it is: the HTTP ceiling for an answer of that size.
  const answer = options.answer === undefined ? undefined : Buffer.from(options.answer);
  if (answer) app.get('/answer', (_req, reply) => reply.type('application/json').send(answer));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return { url: `${base}/hello`, answerUrl: `${base}/answer`, close: () => app.close() };
}

/**
 * The HTTP booking ceiling of performance-ceilings.md §2.1: Fastify set up as the app is, with a
 * node-postgres pool, doing booking_random.sql's transaction per POST (BEGIN, the guarded seat
 * update and the insert as named statements, COMMIT) on the pgbench schema at `databaseUrl`,
 * on a random slot, nothing else: no validation of the body, no person, no notices.
 */
export async function startMinimalBooking(databaseUrl: string, poolSize: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const app = Fastify({ logger: false, genReqId: () => randomUUID(), bodyLimit: 64 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.post('/book', async (_req, reply) => {
    const id = 1 + Math.floor(Math.random() * 10_000);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const seat = await client.query({
        name: 'upd',
        text: 'UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity RETURNING booked',
        values: [id],
      });
      if (seat.rowCount === 0) {
        await client.query('ROLLBACK');
        return reply.code(409).send({ code: 'SLOT_FULL' });
      }
      const booking = await client.query({
        name: 'ins',
        text: 'INSERT INTO bookings (slot_id, customer_id) VALUES ($1, $2) RETURNING id',
        values: [id, Math.floor(Math.random() * 1e6)],
      });
      await client.query('COMMIT');
      return reply.code(201).send({ bookingId: String(booking.rows[0]?.id) });
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/book`,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
