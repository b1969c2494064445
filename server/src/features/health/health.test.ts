import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('service endpoints', () => {
  it('answers /healthz and /readyz while the database answers', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('describes every API route in OpenAPI 3.1 with request and response schemas', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const availability = doc.paths['/api/v1/centres/{centreId}/availability'].get;
    expect(availability.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'centreId',
      'from',
      'service',
      'to',
    ]);
    expect(availability.responses['200'].content['application/json'].schema).toBeDefined();
    const create = doc.paths['/api/v1/bookings'].post;
    expect(create.requestBody.content['application/json'].schema.properties.customer).toBeDefined();
    expect(create.responses['201']).toBeDefined();
    for (const [path, methods] of Object.entries(doc.paths) as [
      string,
      Record<string, { responses: object }>,
    ][]) {
      if (!path.startsWith('/api/')) continue;
      for (const op of Object.values(methods)) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    }
    expect(doc.components.securitySchemes.manageToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect((await t.app.inject({ url: '/docs/' })).statusCode).toBe(200);
  });

  it('exposes Prometheus metrics with HTTP latency and booking outcomes', async () => {
    const setup = await createOfferingSetup(t.db, { offering: { capacity: 1 } });
    await book(t, bookingBody(setup, '2026-12-01T08:00:00+03:00'));
    await book(t, bookingBody(setup, '2026-12-01T08:00:00+03:00'));
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/http_request_duration_seconds_bucket\{.*route="\/api\/v1\/bookings"/);
    expect(res.body).toContain('mawaeed_booking_writes_total{action="book",outcome="done"} 1');
    expect(res.body).toContain('mawaeed_booking_writes_total{action="book",outcome="SLOT_FULL"} 1');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });

  it('tells clients which checks the booking journey needs', async () => {
    expect((await t.app.inject({ url: '/api/v1/settings' })).json()).toEqual({
      otp: false,
      captcha: false,
      country: 'BH',
    });
  });

  it('answers an unknown path with a problem, not an HTML page', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it('answers /readyz with 503 and Retry-After once the database is gone', async () => {
    const other = await buildTestApp();
    await other.database.close();
    const res = await other.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.json().code).toBe('UNAVAILABLE');
    await other.app.close();
  });
});

describe('a draining instance (SIGTERM)', () => {
  it('says it is not ready and closes each connection after its answer, while still serving requests', async () => {
    const draining = await buildTestApp();
    try {
      const drained = draining.app.drain({ tickMs: 20, quietTicks: 3 });
      const ready = await draining.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['retry-after']).toBeDefined();
      const centres = await draining.app.inject({ url: '/api/v1/centres' });
      expect(centres.statusCode).toBe(200);
      expect(centres.headers.connection).toBe('close');
      await drained;
    } finally {
      await draining.close();
    }
  });
});
