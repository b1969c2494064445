/** How long a staff session lives: idle and absolute limits. */
export type SessionPolicy = { idleMinutes: number; maxHours: number };

export function isSessionAlive(
  session: { lastSeenAt: Date; expiresAt: Date },
  { now, policy }: { now: Date; policy: SessionPolicy },
): boolean {
  if (now.getTime() >= session.expiresAt.getTime()) return false;
  return now.getTime() - session.lastSeenAt.getTime() < policy.idleMinutes * 60_000;
}

export function sessionExpiry(now: Date, policy: SessionPolicy): Date {
  return new Date(now.getTime() + policy.maxHours * 3_600_000);
}

/** Failed sign-ins allowed per key within the window before it locks. */
export type ThrottlePolicy = { maxFailures: number; windowMinutes: number; lockMinutes: number };

/** Per account: a person mistyping gets five tries; a guesser gets five per quarter hour. */
export const ACCOUNT_THROTTLE: ThrottlePolicy = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
/** Per address: an office behind one address may hold several people mistyping at once. */
export const ADDRESS_THROTTLE: ThrottlePolicy = { maxFailures: 20, windowMinutes: 15, lockMinutes: 15 };

export type ThrottleState = { failures: number; windowStartedAt: Date; lockedUntil: Date | null };

/** The state after one more failure: a fresh window when the last one ran out, a lock at the limit. */
export function countFailure(
  current: ThrottleState | undefined,
  { now, policy }: { now: Date; policy: ThrottlePolicy },
): ThrottleState {
  const windowOver =
    !current || now.getTime() - current.windowStartedAt.getTime() >= policy.windowMinutes * 60_000;
  const failures = windowOver ? 1 : current.failures + 1;
  if (failures >= policy.maxFailures) {
    return {
      failures: 0,
      windowStartedAt: now,
      lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000),
    };
  }
  return {
    failures,
    windowStartedAt: windowOver ? now : current.windowStartedAt,
    lockedUntil: current?.lockedUntil ?? null,
  };
}

/** Whole minutes until a lock ends (at least one), or 0 when not locked. */
export function minutesLocked(lockedUntil: Date | null | undefined, now: Date): number {
  if (!lockedUntil || lockedUntil.getTime() <= now.getTime()) return 0;
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
}
