import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '../test/database';
import { createOfferingSetup } from '../test/factories';
import { buildTestApp, type TestApp } from '../test/test-app';

/**
 * Property-based fuzz of every route in the OpenAPI document: random and malformed paths, query
 * strings, headers and bodies. Whatever arrives, the answer is never a 5xx, never hangs, and every
 * refusal is problem JSON with a stable code. Event streams are left out (they answer by staying
 * open); everything else, staff routes included, is in.
 */
// 10,000 on PGlite in `npm test`; the PostgreSQL run repeats a shorter pass (the handlers are the same).
const RUNS = Number(process.env.FUZZ_RUNS ?? (isPostgres() ? 2_000 : 10_000));
const HANG_MS = 5_000;

type Route = { method: string; path: string };

let t: TestApp;
let routes: Route[];
/** The routes a citizen reaches without signing in; picked three times in four. */
let publicRoutes: Route[];
let knownIds: string[];

beforeAll(async () => {
  // The checks a citizen meets in production stay on: codes, captcha, rate limits (generous).
  t = await buildTestApp({
    env: { MAWAEED_OTP: 'on', MAWAEED_CAPTCHA: 'on', MAWAEED_RATE_LIMIT: 'off' },
  });
  const setup = await createOfferingSetup(t.db);
  knownIds = [setup.centre.id, setup.service.id];
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .filter(() => !path.endsWith('/events'))
      .map((m) => ({ method: m.toUpperCase(), path })),
  );
  publicRoutes = routes.filter((r) => !/\/(admin|counters|auth|kpis)\b/.test(r.path));
});
afterAll(() => t.close());

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '%',
    '%00',
    '..%2F..%2Fetc%2Fpasswd',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '٠١٢٣٤٥٦٧٨٩',
    '00000000-0000-0000-0000-000000000000',
    'A'.repeat(5000),
    '9'.repeat(40),
    '-1',
    '1e309',
    'NaN',
    'null',
    '__proto__',
    'constructor',
  ),
);
const segment = fc.oneof(nasty, fc.uuid(), fc.constantFrom('ABCD2345', 'ABCD-2345', '2026-12-01'));

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom(
      'customer',
      'cpr',
      'mobile',
      'name',
      'start',
      'serviceId',
      'centreId',
      'reference',
      'purpose',
      'captcha',
      'verification',
      '__proto__',
      'email',
      'language',
      'password',
    ),
    fc.oneof(fc.jsonValue({ maxDepth: 2 }), nasty),
  ),
  nasty,
);

const headers = fc.record(
  {
    authorization: fc.oneof(
      nasty,
      fc.constantFrom('Bearer ', 'Bearer mk_x', 'Bearer mwd_dev_x', 'Basic Zm9vOmJhcg=='),
      nasty.map((s) => `Bearer ${s}`),
    ),
    cookie: fc.oneof(
      nasty,
      nasty.map((s) => `mawaeed_session=${s}`),
    ),
    'accept-language': fc.oneof(nasty, fc.constantFrom('ar', 'en', 'ar-BH,ar;q=0.9', '*')),
    'idempotency-key': nasty,
    'x-csrf-token': nasty,
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
    ),
    'x-forwarded-for': nasty,
    'last-event-id': nasty,
  },
  { requiredKeys: [] },
);

const query = fc.dictionary(
  fc.oneof(
    fc.constantFrom('service', 'from', 'to', 'date', 'status', 'limit', 'centre', 'cursor', 'kind'),
    nasty,
  ),
  fc.oneof(nasty, fc.uuid(), fc.constantFrom('2026-12-01', '2026-13-45', '0', '-5', '99999999')),
  { maxKeys: 4 },
);

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

describe('fuzz', () => {
  it(`answers ${RUNS} random and malformed requests without a 5xx or a hang`, async () => {
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(fc.oneof(segment, fc.constantFrom(...knownIds)), { minLength: 4, maxLength: 4 }),
        query,
        headers,
        body,
        async (pick, params, q, h, b) => {
          const pool = pick % 4 === 0 ? routes : publicRoutes;
          const route = pool[Math.floor(pick / 4) % pool.length] as Route;
          let i = 0;
          const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(params[i++ % 4])));
          const search = new URLSearchParams(q as Record<string, string>).toString();
          const request = t.app.inject({
            method: route.method as 'GET',
            url: `${path}${search ? `?${search}` : ''}`,
            headers: Object.fromEntries(
              Object.entries(h).map(([k, v]) => [k, asText(v).replace(/[\r\n]/g, '')]),
            ),
            ...(b === undefined || route.method === 'GET' ? {} : { payload: asText(b) }),
          });
          const res = await Promise.race([
            request,
            new Promise<never>((_, reject) =>
              setTimeout(() => reject(new Error(`hang: ${route.method} ${path}`)), HANG_MS),
            ),
          ]);
          sent++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500)
            throw new Error(`${res.statusCode} on ${route.method} ${path}: ${res.body}`);
          if (res.statusCode >= 400 && res.headers['content-type']?.toString().includes('json')) {
            expect(res.json().code, `${route.method} ${path}`).toMatch(/^[A-Z_]+$/);
          }
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), verbose: 1 },
    );
    // The figures for the note: how many, and what they were answered with.
    process.stdout.write(
      `fuzz: ${sent} requests over ${routes.length} routes (${publicRoutes.length} public): ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    expect(sent).toBe(RUNS);
  }, 900_000);
});
