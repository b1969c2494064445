import type { StaffRole } from '@mawaeed/core/contracts/staff';
import type { Db } from '../db/client';
import { staff, staffCentres } from '../db/schema-staff';
import { hashPassword } from '../features/auth/passwords';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery staple';
let seq = 0;
// One argon2 hash per test file: hashing costs tens of milliseconds by design.
let passwordHash: Promise<string> | undefined;
function testPasswordHash() {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

/** A staff member straight in the database (the API's own staff routes are tested apart). */
export async function createStaff(
  db: Db,
  options: { role: StaffRole; centreIds?: string[]; email?: string; active?: boolean },
) {
  const n = ++seq;
  const [row] = await db
    .insert(staff)
    .values({
      email:
        options.email ?? `${options.role}-${n}-${Math.random().toString(36).slice(2, 6)}@test.mawaeed.bh`,
      name: `${options.role} ${n}`,
      role: options.role,
      passwordHash: await testPasswordHash(),
      active: options.active ?? true,
    })
    .returning();
  if (!row) throw new Error('staff not created');
  if (options.centreIds?.length) {
    await db
      .insert(staffCentres)
      .values(options.centreIds.map((centreId) => ({ staffId: row.id, centreId })));
  }
  return row;
}

export type Session = { cookie: string; csrf: string; headers: Record<string, string> };

export function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie.join('\n') : (setCookie ?? '');
  const match = /mawaeed_session=([^;]+)/.exec(header);
  if (!match?.[1]) throw new Error('no session cookie set');
  return match[1];
}

export async function signIn(t: TestApp, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res.headers['set-cookie']);
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie: `mawaeed_session=${cookie}`, 'x-csrf-token': csrf } };
}

/** A request as a signed-in staff member (cookie and CSRF token). */
export function asStaff(
  t: TestApp,
  session: Session,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  return t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
}
