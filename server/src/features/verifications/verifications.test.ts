import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { book, bookingBody } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';

let t: TestApp;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;
let mobileSeq = 36_100_000;
const slotAt = (time: string, date = '2026-12-01') => `${date}T${time}:00+03:00`;

beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_OTP: 'on', MAWAEED_OTP_DAILY_CAP: '5' } });
  setup = await createOfferingSetup(t.db, { offering: { capacity: 1 } });
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(TEST_NOW));

const nextMobile = () => String(++mobileSeq);

async function requestCode(payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/v1/verifications', payload });
}

/** Asks for a code and reads it from the dev inbox, as a person reads their SMS. */
async function codeFor(payload: object) {
  await t.app.jobs.runDueJobs(); // earlier messages out first: the newest is then this code
  const res = await requestCode(payload);
  expect(res.statusCode).toBe(201);
  await t.app.jobs.runDueJobs();
  const inbox = (await t.app.inject({ method: 'GET', url: '/api/v1/dev/inbox' })).json().items;
  const code = /(\d{6})\./.exec(inbox[0].text)?.[1];
  if (!code) throw new Error('no code delivered');
  return { id: res.json().id as string, code };
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('booking with a one-time code', () => {
  it('needs a code, refuses a wrong one, accepts the right one once', async () => {
    const mobile = nextMobile();
    const body = bookingBody(setup, slotAt('07:00'), { mobile });
    expect((await book(t, body)).json().code).toBe('VERIFICATION_REQUIRED');
    const v = await codeFor({ mobile, purpose: 'book' });
    expect((await book(t, { ...body, verification: { id: v.id, code: wrong(v.code) } })).json().code).toBe(
      'VERIFICATION_FAILED',
    );
    expect((await book(t, { ...body, verification: v })).statusCode).toBe(201);
    const again = bookingBody(setup, slotAt('07:15'), { mobile });
    const reused = await book(t, { ...again, verification: v });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe('VERIFICATION_FAILED');
  });

  it('refuses a code sent to another mobile or for another purpose', async () => {
    const mobile = nextMobile();
    const v = await codeFor({ mobile, purpose: 'book' });
    const other = await book(t, {
      ...bookingBody(setup, slotAt('07:30'), { mobile: nextMobile() }),
      verification: v,
    });
    expect(other.json().code).toBe('VERIFICATION_FAILED');
    const m = await codeFor({ mobile, purpose: 'manage' });
    const purpose = await book(t, { ...bookingBody(setup, slotAt('07:30'), { mobile }), verification: m });
    expect(purpose.json().code).toBe('VERIFICATION_FAILED');
  });

  it('allows five tries, then the code is spent even when right', async () => {
    const mobile = nextMobile();
    const v = await codeFor({ mobile, purpose: 'book' });
    const body = bookingBody(setup, slotAt('07:45'), { mobile });
    for (let i = 0; i < 5; i++) {
      expect((await book(t, { ...body, verification: { id: v.id, code: wrong(v.code) } })).statusCode).toBe(
        401,
      );
    }
    expect((await book(t, { ...body, verification: v })).json().code).toBe('VERIFICATION_FAILED');
  });

  it('expires after five minutes', async () => {
    const mobile = nextMobile();
    const v = await codeFor({ mobile, purpose: 'book' });
    t.clock.advance(5);
    expect(
      (await book(t, { ...bookingBody(setup, slotAt('08:00'), { mobile }), verification: v })).statusCode,
    ).toBe(401);
  });

  it('stays usable when the booking fails for another reason, and a retry with its key is replayed', async () => {
    const taken = nextMobile();
    const first = await codeFor({ mobile: taken, purpose: 'book' });
    expect(
      (await book(t, { ...bookingBody(setup, slotAt('08:15'), { mobile: taken }), verification: first }))
        .statusCode,
    ).toBe(201);
    const mobile = nextMobile();
    const v = await codeFor({ mobile, purpose: 'book' });
    const full = await book(t, { ...bookingBody(setup, slotAt('08:15'), { mobile }), verification: v });
    expect(full.json().code).toBe('SLOT_FULL');
    const body = { ...bookingBody(setup, slotAt('08:30'), { mobile }), verification: v };
    const booked = await book(t, body, { 'idempotency-key': 'otp-replay-1' });
    expect(booked.statusCode).toBe(201);
    const replay = await book(t, body, { 'idempotency-key': 'otp-replay-1' });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().reference).toBe(booked.json().reference);
  });

  it('stores neither the code nor the mobile', async () => {
    const mobile = nextMobile();
    const v = await codeFor({ mobile, purpose: 'book' });
    const rows = await queryRows<{ row: string }>(t.db, sql`SELECT v::text AS row FROM verifications v`);
    for (const r of rows) {
      expect(r.row).not.toContain(v.code);
      expect(r.row).not.toContain(mobile);
    }
  });
});

describe('how many codes', () => {
  it('sends three per mobile in 15 minutes, then answers 429 with Retry-After', async () => {
    const mobile = nextMobile();
    for (let i = 0; i < 3; i++) expect((await requestCode({ mobile, purpose: 'book' })).statusCode).toBe(201);
    t.clock.advance(5);
    const refused = await requestCode({ mobile, purpose: 'book' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBe('600');
    t.clock.advance(10);
    expect((await requestCode({ mobile, purpose: 'book' })).statusCode).toBe(201);
  });

  it('caps a mobile’s day', async () => {
    const mobile = nextMobile();
    for (let i = 0; i < 5; i++) {
      expect((await requestCode({ mobile, purpose: 'manage' })).statusCode).toBe(201);
      t.clock.advance(16);
    }
    const refused = await requestCode({ mobile, purpose: 'manage' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(20 * 3600);
  });
});

describe('managing a booking without its link', () => {
  it('sends the code to the booking’s mobile from its reference, and opens it with the CPR', async () => {
    const mobile = nextMobile();
    const b = await codeFor({ mobile, purpose: 'book' });
    const body = bookingBody(setup, slotAt('09:00'), { mobile });
    const { reference } = (await book(t, { ...body, verification: b })).json();
    const access = (payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/bookings/${reference}/access`, payload });
    expect((await access({ cpr: body.customer.cpr })).json().code).toBe('VERIFICATION_REQUIRED');
    const m = await codeFor({ reference: reference.toLowerCase(), purpose: 'manage' });
    expect((await access({ cpr: '111111111', verification: m })).statusCode).toBe(404);
    const opened = await access({ cpr: body.customer.cpr, verification: m });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().manageToken).toEqual(expect.any(String));
    expect((await access({ cpr: body.customer.cpr, verification: m })).statusCode).toBe(401);
  });

  it('answers an unknown reference like a known one, and sends nothing', async () => {
    const inboxBefore = (await t.app.inject({ method: 'GET', url: '/api/v1/dev/inbox' })).json().items.length;
    const res = await requestCode({ reference: 'ABCD-2345', purpose: 'manage' });
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json()).sort()).toEqual(['expiresAt', 'id']);
    await t.app.jobs.runDueJobs();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dev/inbox' })).json().items.length).toBe(
      inboxBefore,
    );
    const access = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/ABCD2345/access',
      payload: { cpr: '123456789', verification: { id: res.json().id, code: '000000' } },
    });
    expect(access.statusCode).toBe(401);
  });
});
