import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
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
