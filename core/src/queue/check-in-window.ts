/**
 * When a booking may be checked in: from `earlyMinutes` before its start until `lateMinutes`
 * after it (per service; 30 early and 15 late by default). Outside it, the person is told the
 * window; a late arrival may be offered a walk-in ticket instead.
 */
export type CheckInPolicy = { earlyMinutes: number; lateMinutes: number };

export const DEFAULT_CHECK_IN_POLICY: CheckInPolicy = { earlyMinutes: 30, lateMinutes: 15 };

export type CheckInWindow = { opensAt: Date; closesAt: Date };

export type CheckInCheck =
  | { ok: true; window: CheckInWindow }
  | { ok: false; reason: 'CHECK_IN_TOO_EARLY' | 'CHECK_IN_TOO_LATE'; window: CheckInWindow };

export function checkInWindow(appointmentAt: Date, policy: CheckInPolicy): CheckInWindow {
  return {
    opensAt: new Date(appointmentAt.getTime() - policy.earlyMinutes * 60_000),
    closesAt: new Date(appointmentAt.getTime() + policy.lateMinutes * 60_000),
  };
}

/** Both ends included: at exactly 15 minutes late the door is still open. */
export function canCheckIn(appointmentAt: Date, options: { now: Date; policy: CheckInPolicy }): CheckInCheck {
  const window = checkInWindow(appointmentAt, options.policy);
  const now = options.now.getTime();
  if (now < window.opensAt.getTime()) return { ok: false, reason: 'CHECK_IN_TOO_EARLY', window };
  if (now > window.closesAt.getTime()) return { ok: false, reason: 'CHECK_IN_TOO_LATE', window };
  return { ok: true, window };
}
