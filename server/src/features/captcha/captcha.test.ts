import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;
beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_CAPTCHA: 'on' } });
  setup = await createOfferingSetup(t.db, { offering: { capacity: 5 } });
});
afterAll(() => t.close());

/** What the browser does: fetch a challenge, find the counter, send base64(JSON). */
async function solve() {
  const challenge = (await t.app.inject({ url: '/api/v1/captcha' })).json();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('no solution');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

describe('proof of work on booking', () => {
  it('says when it is required', async () => {
    expect((await t.app.inject({ url: '/api/v1/settings' })).json().captcha).toBe(true);
    const res = await book(t, bookingBody(setup, '2026-12-01T08:00:00+03:00'));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CAPTCHA_REQUIRED');
  });

  it('books with a solved challenge', async () => {
    const res = await book(t, { ...bookingBody(setup, '2026-12-01T08:00:00+03:00'), captcha: await solve() });
    expect(res.statusCode).toBe(201);
  });

  it('refuses an answer used once already', async () => {
    const answer = await solve();
    expect(
      (await book(t, { ...bookingBody(setup, '2026-12-01T08:15:00+03:00'), captcha: answer })).statusCode,
    ).toBe(201);
    const replay = await book(t, { ...bookingBody(setup, '2026-12-01T08:30:00+03:00'), captcha: answer });
    expect(replay.statusCode).toBe(403);
    expect(replay.json().code).toBe('CAPTCHA_FAILED');
  });

  it('still replays an answered request under its Idempotency-Key', async () => {
    const body = { ...bookingBody(setup, '2026-12-01T08:45:00+03:00'), captcha: await solve() };
    const first = await book(t, body, { 'idempotency-key': 'pow-1' });
    const again = await book(t, body, { 'idempotency-key': 'pow-1' });
    expect(first.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
  });

  it('refuses a wrong key, a forged challenge, garbage and an expired challenge', async () => {
    const challenge = (await t.app.inject({ url: '/api/v1/captcha' })).json();
    const solution = await solveChallenge({ challenge, deriveKey });
    const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
    const key = solution?.derivedKey ?? '';
    const wrong = encode({
      challenge,
      solution: { ...solution, derivedKey: `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}` },
    });
    const forged = encode({
      challenge: { ...challenge, parameters: { ...challenge.parameters, cost: 1 } },
      solution,
    });
    for (const captcha of [wrong, forged, 'not base64 json', encode({ hello: 1 })]) {
      const res = await book(t, { ...bookingBody(setup, '2026-12-01T09:00:00+03:00'), captcha });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('CAPTCHA_FAILED');
    }
    const late = encode({ challenge, solution });
    t.clock.advance(11);
    try {
      const res = await book(t, { ...bookingBody(setup, '2026-12-01T09:00:00+03:00'), captcha: late });
      expect(res.json().code).toBe('CAPTCHA_FAILED');
    } finally {
      t.clock.advance(-11);
    }
  });
});
