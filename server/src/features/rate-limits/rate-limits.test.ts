import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { readConfig } from '../../config';
import { book, bookingBody, nextCpr } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { createStaff, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

const LIMITS = {
  MAWAEED_RATE_LIMIT: 'on',
  MAWAEED_RATE_LIMIT_READS: '5',
  MAWAEED_RATE_LIMIT_WRITES: '3',
  MAWAEED_RATE_LIMIT_PER_PERSON: '2',
};

const from = (address: string) => ({ 'x-forwarded-for': address });

describe('rate limits', () => {
  let t: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: LIMITS });
    proxied = await buildTestApp({ env: { ...LIMITS, MAWAEED_TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await t.close();
    await proxied.close();
  });

  it('limits reads per address per minute, with Retry-After and a translated problem, then lets them in again', async () => {
    t.clock.set('2026-11-29T06:00:10Z');
    for (let i = 0; i < 5; i++) expect((await t.app.inject({ url: '/api/v1/centres' })).statusCode).toBe(200);
    const refused = await t.app.inject({ url: '/api/v1/centres', headers: { 'accept-language': 'ar' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({
      code: 'RATE_LIMITED',
      detail: expect.stringContaining('طلبات كثيرة'),
    });
    expect(refused.headers['retry-after']).toBe('50');
    t.clock.advance(1);
    expect((await t.app.inject({ url: '/api/v1/centres' })).statusCode).toBe(200);
  });

  it('counts garbage too: malformed writes use up the address’s writes', async () => {
    t.clock.set('2026-11-29T06:10:00Z');
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: { nonsense: i } });
      expect(res.statusCode).toBe(400);
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: { nonsense: 4 } });
    expect(res.statusCode).toBe(429);
  });

  it('is not fooled by a spoofed X-Forwarded-For unless the proxy is trusted', async () => {
    t.clock.set('2026-11-29T06:20:00Z');
    for (let i = 0; i < 5; i++) await t.app.inject({ url: '/api/v1/centres', headers: from(`10.0.0.${i}`) });
    expect((await t.app.inject({ url: '/api/v1/centres', headers: from('10.9.9.9') })).statusCode).toBe(429);

    proxied.clock.set('2026-11-29T06:20:00Z');
    for (let i = 0; i < 5; i++)
      await proxied.app.inject({ url: '/api/v1/centres', headers: from('10.0.0.1') });
    expect((await proxied.app.inject({ url: '/api/v1/centres', headers: from('10.0.0.1') })).statusCode).toBe(
      429,
    );
    // Behind the trusted proxy, another client is another address.
    expect((await proxied.app.inject({ url: '/api/v1/centres', headers: from('10.0.0.2') })).statusCode).toBe(
      200,
    );
  });

  it('does not count staff, who sign in and are throttled there', async () => {
    t.clock.set('2026-11-29T06:30:00Z');
    const admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({ url: '/api/v1/admin/centres', headers: admin.headers });
      expect(res.statusCode).toBe(200);
    }
  });

  it('gives one person at most their quota of booking attempts, from however many addresses', async () => {
    proxied.clock.set('2026-11-29T06:00:00Z');
    const setup = await createOfferingSetup(proxied.db, { offering: { slotMinutes: 15, capacity: 5 } });
    const cpr = nextCpr();
    const attempt = (i: number) =>
      book(proxied, bookingBody(setup, `2026-12-01T0${7 + i}:00:00+03:00`, { cpr }), from(`10.1.0.${i}`));
    expect((await attempt(0)).statusCode).toBe(201);
    // Over the per-service limit of one active booking: refused for that, but counted.
    expect((await attempt(1)).json().code).toBe('PERSON_LIMIT');
    const third = await attempt(2);
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('RATE_LIMITED');
    // Someone else books on.
    const other = await book(proxied, bookingBody(setup, '2026-12-01T07:00:00+03:00'), from('10.1.0.9'));
    expect(other.statusCode).toBe(201);
  });

  it('allows ten reference + CPR guesses an hour per booking, whatever the address', async () => {
    proxied.clock.set('2026-11-29T07:00:00Z');
    const setup = await createOfferingSetup(proxied.db, { offering: { slotMinutes: 15, capacity: 5 } });
    const cpr = nextCpr();
    const booked = await book(
      proxied,
      bookingBody(setup, '2026-12-02T08:00:00+03:00', { cpr }),
      from('10.2.0.1'),
    );
    const { reference } = booked.json() as { reference: string };
    const access = (guess: string, i: number) =>
      proxied.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${reference}/access`,
        headers: from(`10.3.${i}.1`),
        payload: { cpr: guess },
      });
    for (let i = 0; i < 10; i++) expect((await access(nextCpr(), i)).statusCode).toBe(404);
    const right = await access(cpr, 10);
    expect(right.statusCode).toBe(429);
    proxied.clock.advance(60);
    expect((await access(cpr, 11)).statusCode).toBe(200);
  });

  it('holds across instances: two servers on one database share the count', async () => {
    const second = await buildApp({
      config: readConfig({ ...LIMITS, LOG_LEVEL: 'silent' }),
      database: t.database,
      clock: t.clock,
      dataKey: t.dataKey,
    });
    try {
      t.clock.set('2026-11-29T06:40:00Z');
      for (let i = 0; i < 3; i++) await t.app.inject({ url: '/api/v1/centres' });
      for (let i = 0; i < 2; i++)
        expect((await second.inject({ url: '/api/v1/centres' })).statusCode).toBe(200);
      expect((await second.inject({ url: '/api/v1/centres' })).statusCode).toBe(429);
      expect((await t.app.inject({ url: '/api/v1/centres' })).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });
});
