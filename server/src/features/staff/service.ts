import type { StaffCreate, StaffUpdate, StaffView } from '@mawaeed/core/contracts/staff';
import type { Db } from '../../db/client';
import { type Actor, CENTRE_ADMINS, requireStaff } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Audit } from '../audit/service';
import { hashPassword } from '../auth/passwords';
import { deleteSessionsOf } from '../auth/repository';
import * as repo from './repository';
import { canManage } from './rules';

function toView(found: { row: repo.StaffRow; centreIds: string[] }): StaffView {
  const { row, centreIds } = found;
  return { id: row.id, email: row.email, name: row.name, role: row.role, centreIds, active: row.active };
}

/** What the audit log keeps of a staff member: never the password hash. */
function audited(found: { row: repo.StaffRow; centreIds: string[] }) {
  const { passwordHash: _hidden, ...rest } = found.row;
  return { ...rest, centreIds: found.centreIds };
}

export function createStaffAdmin(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  async function requireCentres(centreIds: string[]) {
    const unique = [...new Set(centreIds)].sort();
    if ((await repo.countCentres(db, unique)) !== unique.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        {},
        { errors: [{ path: 'body.centreIds', message: 'Unknown centre' }] },
      );
    }
    return unique;
  }

  async function listStaff(actor: Actor) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    return {
      items: (await repo.listStaff(db))
        .filter((s) => canManage(staff, { role: s.row.role, centreIds: s.centreIds }))
        .map(toView),
    };
  }

  async function createStaff(actor: Actor, input: StaffCreate) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const centreIds = input.role === 'administrator' ? [] : await requireCentres(input.centreIds);
    if (!canManage(staff, { role: input.role, centreIds })) throw new AppError('FORBIDDEN');
    const passwordHash = await hashPassword(input.password);
    return db.transaction(async (tx) => {
      const row = await repo.insertStaff(tx, {
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
      });
      if (!row) throw new AppError('ALREADY_EXISTS', { field: 'email' });
      await repo.setCentres(tx, row.id, centreIds);
      const created = { row, centreIds };
      await audit.record(tx, staff, {
        action: 'create',
        entity: 'staff',
        entityId: row.id,
        after: audited(created),
      });
      return toView(created);
    });
  }

  /**
   * Changes a staff member. Disabling, a new role, new centres or a new password end every
   * session they hold at once: what they may reach changed, so they sign in again.
   */
  async function updateStaff(actor: Actor, staffId: string, input: StaffUpdate) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const before = await repo.findStaff(db, staffId);
    if (!before || !canManage(staff, { role: before.row.role, centreIds: before.centreIds }))
      throw new AppError('NOT_FOUND');
    const role = input.role ?? before.row.role;
    const centreIds =
      role === 'administrator'
        ? []
        : input.centreIds
          ? await requireCentres(input.centreIds)
          : before.centreIds;
    if (!canManage(staff, { role, centreIds })) throw new AppError('FORBIDDEN');
    const changesOwnReach = staffId === staff.id && (input.active === false || input.role !== undefined);
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    const losesAdministrator =
      before.row.role === 'administrator' &&
      before.row.active &&
      (role !== 'administrator' || input.active === false);
    return db.transaction(async (tx) => {
      // No one may disable or demote themselves, so one administrator always stays; two
      // administrators disabling each other at once take turns here, and the second is refused.
      if (losesAdministrator && !(await repo.lockActiveAdministrators(tx)).some((id) => id !== staffId))
        throw new AppError('LAST_ADMINISTRATOR');
      // Checked after the last-administrator rule, so the only administrator trying to disable
      // themselves learns the reason that matters (409 LAST_ADMINISTRATOR) rather than a bare 403.
      if (changesOwnReach) throw new AppError('FORBIDDEN');
      const row = await repo.updateStaff(tx, staffId, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        role,
        updatedAt: clock.now(),
      });
      if (!row) throw new AppError('NOT_FOUND');
      await repo.setCentres(tx, staffId, centreIds);
      const after = { row, centreIds };
      const reachChanged =
        !row.active ||
        role !== before.row.role ||
        centreIds.join() !== before.centreIds.join() ||
        passwordHash;
      if (reachChanged)
        await deleteSessionsOf(tx, staffId, staffId === staff.id ? staff.sessionId : undefined);
      await audit.record(tx, staff, {
        action: 'update',
        entity: 'staff',
        entityId: staffId,
        before: audited(before),
        after: { ...audited(after), ...(passwordHash ? { passwordChanged: true } : {}) },
      });
      return toView(after);
    });
  }

  return { listStaff, createStaff, updateStaff };
}
export type StaffAdmin = ReturnType<typeof createStaffAdmin>;
