import type { ApiScope } from '@mawaeed/core/contracts/integrations';
import type { DeviceKind, StaffRole } from '@mawaeed/core/contracts/staff';
import { AppError } from './app-error';

export type StaffActor = {
  kind: 'staff';
  id: string;
  role: StaffRole;
  /** The centres the staff member works for; administrators reach every centre whatever this says. */
  centreIds: string[];
  sessionId: string;
};
export type DeviceActor = { kind: 'device'; id: string; centreId: string; deviceKind: DeviceKind };
/** A partner system calling with its API key (`mk_…`); its scopes were checked by the route. */
export type ApiKeyActor = {
  kind: 'api_key';
  id: string;
  name: string;
  scopes: readonly ApiScope[];
  centreIds: readonly string[];
};
/** Who is asking: set on every request by plugins/auth.ts. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'citizen'; manageToken: string }
  | StaffActor
  | DeviceActor
  | ApiKeyActor;
/** Who an audit row can name: a person, a screen, a partner key, or the system itself (a job). */
export type AuditedActor = StaffActor | DeviceActor | ApiKeyActor | { kind: 'system' };
export const SYSTEM: AuditedActor = Object.freeze({ kind: 'system' });

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous' });

export function isAdministrator(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.role === 'administrator';
}

/** Whether a staff actor works for a centre (administrators work for all). */
export function reachesCentre(actor: StaffActor, centreId: string): boolean {
  return actor.role === 'administrator' || actor.centreIds.includes(centreId);
}

/**
 * The staff actor, or a stop: 401 when nobody is signed in, 403 for a role not allowed here,
 * and 404 for a centre they do not work for — so nothing tells them that centre exists.
 */
export function requireStaff(
  actor: Actor,
  options: { roles?: readonly StaffRole[]; centreId?: string | null } = {},
): StaffActor {
  if (actor.kind !== 'staff') throw new AppError(actor.kind === 'device' ? 'FORBIDDEN' : 'UNAUTHENTICATED');
  if (options.roles && !options.roles.includes(actor.role)) throw new AppError('FORBIDDEN');
  if (options.centreId !== undefined) {
    // A national entry (no centre) is an administrator's business.
    if (
      options.centreId === null ? actor.role !== 'administrator' : !reachesCentre(actor, options.centreId)
    ) {
      throw new AppError(options.centreId === null ? 'FORBIDDEN' : 'NOT_FOUND');
    }
  }
  return actor;
}

export function requireDevice(actor: Actor, options: { kinds?: readonly DeviceKind[] } = {}): DeviceActor {
  if (actor.kind !== 'device') throw new AppError(actor.kind === 'staff' ? 'FORBIDDEN' : 'UNAUTHENTICATED');
  if (options.kinds && !options.kinds.includes(actor.deviceKind)) throw new AppError('FORBIDDEN');
  return actor;
}

/** Who an audit row names. */
export function auditActor(actor: AuditedActor) {
  return { actorKind: actor.kind, actorId: actor.kind === 'system' ? null : actor.id };
}

/**
 * For a route open to partner keys and staff alike: a key passes (the plugin checked the route's
 * scope when the request came in), staff need one of `roles` and the centre. On hall routes pass
 * `hallCentreId`: a `hall:read` key reaches only the centres it was given (others answer 404).
 */
export function requireStaffOrKey(
  actor: Actor,
  options: { roles: readonly StaffRole[]; centreId?: string; hallCentreId?: string },
): StaffActor | ApiKeyActor {
  if (actor.kind === 'api_key') {
    if (options.hallCentreId && !actor.centreIds.includes(options.hallCentreId))
      throw new AppError('NOT_FOUND');
    return actor;
  }
  const centreId = options.centreId ?? options.hallCentreId;
  return requireStaff(actor, { roles: options.roles, ...(centreId ? { centreId } : {}) });
}

/** Roles that run a centre's setup: hours, offerings, closures, counters, devices. */
export const CENTRE_ADMINS = ['administrator', 'centre_manager'] as const satisfies readonly StaffRole[];
