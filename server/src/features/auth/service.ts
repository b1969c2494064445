import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionView, SignIn, StaffView } from '@mawaeed/core/contracts/staff';
import type { Db } from '../../db/client';
import type { StaffActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { hashSecret } from '../../lib/personal-data';
import { verifyPassword } from './passwords';
import * as repo from './repository';
import {
  ACCOUNT_THROTTLE,
  ADDRESS_THROTTLE,
  countFailure,
  isSessionAlive,
  minutesLocked,
  type SessionPolicy,
  sessionExpiry,
  type ThrottlePolicy,
} from './rules';

/** A session's last-seen time is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function toStaffView(row: repo.StaffRow, centreIds: string[]): StaffView {
  return { id: row.id, email: row.email, name: row.name, role: row.role, centreIds, active: row.active };
}

/** The CSRF token of a session: derived from its secret id, so it needs no storage of its own. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

export function isCsrfTokenValid(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  policy: SessionPolicy;
  /** Off for benchmarks and black-box tests: then only the per-account limit applies. */
  throttleAddresses: boolean;
}) {
  const { db, clock, policy } = deps;

  function throttleKeys(email: string, address: string): [string, ThrottlePolicy][] {
    const account: [string, ThrottlePolicy] = [
      `account:${createHash('sha256').update(email).digest('base64url')}`,
      ACCOUNT_THROTTLE,
    ];
    return deps.throttleAddresses ? [account, [`address:${address}`, ADDRESS_THROTTLE]] : [account];
  }

  async function recordFailure(keys: [string, ThrottlePolicy][]) {
    const now = clock.now();
    await db.transaction(async (tx) => {
      for (const [key, throttle] of keys) {
        const current = await repo.findThrottle(tx, key);
        await repo.saveThrottle(tx, key, countFailure(current, { now, policy: throttle }));
      }
    });
  }

  /**
   * Signs a staff member in with a fresh session (any session the browser still held ends:
   * the id rotates). A wrong password, an unknown or a disabled account all get the same
   * answer after the same work; too many failures lock the account and the address a while.
   */
  async function signIn(input: SignIn, ctx: { address: string; presentedToken?: string | undefined }) {
    const email = input.email.trim().toLowerCase();
    const keys = throttleKeys(email, ctx.address);
    const lock = await repo.findLock(
      db,
      keys.map(([k]) => k),
      clock.now(),
    );
    if (lock) {
      const minutes = minutesLocked(lock, clock.now());
      throw new AppError('SIGN_IN_THROTTLED', { minutes, retryAfter: minutes * 60 });
    }
    const row = await repo.findStaffByEmail(db, email);
    const passwordOk = await verifyPassword(row?.passwordHash, input.password);
    if (!row?.active || !passwordOk) {
      await recordFailure(keys);
      throw new AppError('INVALID_CREDENTIALS');
    }
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    const expiresAt = sessionExpiry(now, policy);
    const accountKey = keys[0]?.[0];
    await db.transaction(async (tx) => {
      if (ctx.presentedToken) await repo.deleteSessionByHash(tx, hashSecret(ctx.presentedToken));
      if (accountKey) await repo.clearThrottle(tx, accountKey);
      await repo.insertSession(tx, {
        tokenHash: hashSecret(token),
        staffId: row.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
      });
    });
    const view: SessionView = {
      staff: toStaffView(row, await repo.listCentreIds(db, row.id)),
      csrfToken: csrfTokenFor(token),
      expiresAt: expiresAt.toISOString(),
    };
    return { token, view };
  }

  /** The actor a session cookie stands for, or null when it is unknown, timed out or disabled. */
  async function resolveSession(token: string): Promise<(StaffActor & { expiresAt: Date }) | null> {
    const found = await repo.findSession(db, hashSecret(token));
    if (!found) return null;
    const now = clock.now();
    if (!found.staff.active || !isSessionAlive(found.session, { now, policy })) {
      await repo.deleteSession(db, found.session.id);
      return null;
    }
    if (now.getTime() - found.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await repo.touchSession(db, found.session.id, now);
    }
    return {
      kind: 'staff',
      id: found.staff.id,
      role: found.staff.role,
      centreIds: await repo.listCentreIds(db, found.staff.id),
      sessionId: found.session.id,
      expiresAt: found.session.expiresAt,
    };
  }

  async function describeSession(
    actor: StaffActor & { expiresAt?: Date },
    token: string,
  ): Promise<SessionView> {
    const row = await repo.findSession(db, hashSecret(token));
    if (!row) throw new AppError('UNAUTHENTICATED');
    return {
      staff: toStaffView(row.staff, actor.centreIds),
      csrfToken: csrfTokenFor(token),
      expiresAt: row.session.expiresAt.toISOString(),
    };
  }

  async function signOut(token: string | undefined) {
    if (token) await repo.deleteSessionByHash(db, hashSecret(token));
  }

  /** Sessions that timed out (idle or absolute) and were never used again: the retention purge. */
  async function purgeDeadSessions() {
    const now = clock.now();
    return repo.deleteDeadSessions(db, now, new Date(now.getTime() - policy.idleMinutes * 60_000));
  }

  return { signIn, resolveSession, describeSession, signOut, purgeDeadSessions };
}
export type AuthService = ReturnType<typeof createAuthService>;
