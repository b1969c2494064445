import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staff } from '../../db/schema-staff';
import { createStaff, sessionCookie, signIn, TEST_PASSWORD } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_SESSION_IDLE_MINUTES: '30', MAWAEED_SESSION_MAX_HOURS: '12' } });
});
afterAll(() => t.close());

const session = (cookie?: string) =>
  t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/session',
    headers: cookie ? { cookie: `mawaeed_session=${cookie}` } : {},
  });

const attempt = (email: string, password: string, remoteAddress = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
    remoteAddress,
  });

describe('signing in', () => {
  it('sets an HttpOnly, SameSite session cookie and answers with the staff member and a CSRF token', async () => {
    const member = await createStaff(t.db, { role: 'administrator' });
    const res = await attempt(member.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.json()).toMatchObject({ staff: { id: member.id, role: 'administrator' } });
    expect(res.json().csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(res.json().staff).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password, an unknown account and a disabled account alike', async () => {
    const disabled = await createStaff(t.db, { role: 'receptionist', active: false });
    const member = await createStaff(t.db, { role: 'receptionist' });
    const answers = await Promise.all([
      attempt(member.email, 'wrong password!!'),
      attempt('nobody@test.mawaeed.bh', TEST_PASSWORD),
      attempt(disabled.email, TEST_PASSWORD),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(new Set(answers.map((r) => r.json().detail)).size).toBe(1);
  });

  it('rotates the session id at sign-in: the old cookie stops working', async () => {
    const member = await createStaff(t.db, { role: 'centre_manager' });
    const first = await signIn(t, member.email);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: member.email, password: TEST_PASSWORD },
      headers: { cookie: `mawaeed_session=${first.cookie}` },
    });
    const second = sessionCookie(again.headers['set-cookie']);
    expect(second).not.toBe(first.cookie);
    expect((await session(first.cookie)).statusCode).toBe(401);
    expect((await session(second)).statusCode).toBe(200);
  });

  it('marks the cookie Secure when the public address is https', async () => {
    const secure = await buildTestApp({ env: { MAWAEED_PUBLIC_URL: 'https://mawaeed.example.bh' } });
    try {
      const member = await createStaff(secure.db, { role: 'administrator' });
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: member.email, password: TEST_PASSWORD },
      });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });
});

describe('session lifetime', () => {
  it('ends after 30 idle minutes but lives on while used', async () => {
    const member = await createStaff(t.db, { role: 'counter_agent' });
    const s = await signIn(t, member.email);
    t.clock.advance(29);
    expect((await session(s.cookie)).statusCode).toBe(200);
    t.clock.advance(29);
    expect((await session(s.cookie)).statusCode).toBe(200);
    t.clock.advance(30);
    const res = await session(s.cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('ends 12 hours after sign-in however busy', async () => {
    const member = await createStaff(t.db, { role: 'counter_agent' });
    const s = await signIn(t, member.email);
    for (let i = 0; i < 24; i++) {
      t.clock.advance(29);
      expect((await session(s.cookie)).statusCode).toBe(200);
    }
    t.clock.advance(25);
    expect((await session(s.cookie)).statusCode).toBe(401);
  });

  it('ends on sign-out, on the server', async () => {
    const member = await createStaff(t.db, { role: 'receptionist' });
    const s = await signIn(t, member.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/mawaeed_session=;/);
    expect((await session(s.cookie)).statusCode).toBe(401);
  });

  it('ends every session of an account the moment it is disabled', async () => {
    const member = await createStaff(t.db, { role: 'receptionist' });
    const a = await signIn(t, member.email);
    const b = await signIn(t, member.email);
    await t.db.update(staff).set({ active: false }).where(eq(staff.id, member.id));
    expect((await session(a.cookie)).statusCode).toBe(401);
    expect((await session(b.cookie)).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing cookie request without the session’s CSRF token', async () => {
    const member = await createStaff(t.db, { role: 'administrator' });
    const s = await signIn(t, member.email);
    for (const token of [undefined, 'forged', `${s.csrf}x`]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-out',
        headers: { cookie: `mawaeed_session=${s.cookie}`, ...(token ? { 'x-csrf-token': token } : {}) },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('CSRF_FAILED');
    }
    expect((await session(s.cookie)).statusCode).toBe(200);
  });

  it('hands the CSRF token back from GET /auth/session', async () => {
    const member = await createStaff(t.db, { role: 'administrator' });
    const s = await signIn(t, member.email);
    expect((await session(s.cookie)).json().csrfToken).toBe(s.csrf);
  });
});

describe('throttling failed sign-ins', () => {
  it('locks an account after five failures, with the same answer for unknown accounts', async () => {
    const member = await createStaff(t.db, { role: 'administrator' });
    for (const email of [member.email, 'ghost@test.mawaeed.bh']) {
      for (let i = 0; i < 5; i++) expect((await attempt(email, 'not the password')).statusCode).toBe(401);
      const locked = await attempt(email, TEST_PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ code: 'SIGN_IN_THROTTLED' });
      expect(locked.json().detail).toContain('15 minutes');
      expect(locked.headers['retry-after']).toBe('900');
    }
    t.clock.advance(15);
    expect((await attempt(member.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('forgets failures once the right password gets in', async () => {
    const member = await createStaff(t.db, { role: 'administrator' });
    for (let i = 0; i < 4; i++) await attempt(member.email, 'not the password');
    expect((await attempt(member.email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await attempt(member.email, 'not the password');
    expect((await attempt(member.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an address that tries many accounts, when rate limits are on', async () => {
    const limited = await buildTestApp({ env: { MAWAEED_RATE_LIMIT: 'on' } });
    try {
      const member = await createStaff(limited.db, { role: 'administrator' });
      const from = (email: string, password: string, remoteAddress: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email, password },
          remoteAddress,
        });
      for (let i = 0; i < 20; i++) await from(`guess${i}@test.mawaeed.bh`, 'not the password', '10.9.9.9');
      expect((await from(member.email, TEST_PASSWORD, '10.9.9.9')).statusCode).toBe(429);
      expect((await from(member.email, TEST_PASSWORD, '10.9.9.8')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
