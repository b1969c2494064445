import type { ClosureCreate, OnAffected, SpecialPeriodCreate } from '@mawaeed/core/contracts/admin';
import { todayIn } from '@mawaeed/core/time/local';
import { type Actor, CENTRE_ADMINS, isAdministrator, requireStaff, type StaffActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { AdminDeps } from './centres';
import * as repo from './repository';

function toPeriod(row: repo.PeriodRow) {
  return {
    id: row.id,
    centreId: row.centreId,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    weeklyHours: row.weeklyHours,
    provisional: row.provisional,
  };
}

function toClosure(row: repo.ClosureRow) {
  return {
    id: row.id,
    centreId: row.centreId,
    date: row.date,
    kind: row.kind,
    name: row.name,
    openHours: row.openHours ?? null,
    provisional: row.provisional,
  };
}

/** Special periods (Ramadan hours) and closures, for one centre or a group at once. */
export function createCalendarAdmin(deps: AdminDeps) {
  const { db, clock, audit, guard } = deps;
  const today = () => todayIn('UTC', new Date(clock.now().getTime() - 86_400_000));

  function scopeOf(staff: StaffActor, centreId: string | undefined) {
    if (centreId) requireStaff(staff, { centreId });
    return centreId ? [centreId] : isAdministrator(staff) ? null : staff.centreIds;
  }

  function requireCentres(staff: StaffActor, centreIds: string[]) {
    const unique = [...new Set(centreIds)];
    for (const centreId of unique) requireStaff(staff, { centreId });
    return unique;
  }

  async function listPeriods(actor: Actor, centreId: string | undefined) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    return { items: (await repo.listPeriods(db, scopeOf(staff, centreId), today())).map(toPeriod) };
  }

  async function createPeriods(actor: Actor, input: SpecialPeriodCreate) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const centreIds = requireCentres(staff, input.centreIds);
    return db.transaction(async (tx) => {
      await guard.lockSchedules(tx, centreIds);
      for (const id of centreIds) if (!(await repo.findCentre(tx, id))) throw new AppError('NOT_FOUND');
      const rows = await repo.insertPeriods(
        tx,
        centreIds.map((centreId) => ({
          centreId,
          name: input.name,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          weeklyHours: input.weeklyHours,
          provisional: input.provisional,
        })),
      );
      await audit.record(
        tx,
        staff,
        rows.map((r) => ({
          action: 'create',
          entity: 'special_period',
          entityId: r.id,
          centreId: r.centreId,
          after: r,
        })),
      );
      await guard.reconcile(tx, staff, centreIds, input.onAffected);
      return { items: rows.map(toPeriod) };
    });
  }

  async function deletePeriod(actor: Actor, periodId: string, onAffected: OnAffected | undefined) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const existing = await repo.findPeriod(db, periodId);
    if (!existing) throw new AppError('NOT_FOUND');
    requireStaff(staff, { centreId: existing.centreId });
    await db.transaction(async (tx) => {
      await guard.lockSchedules(tx, [existing.centreId]);
      await repo.deletePeriod(tx, periodId);
      await audit.record(tx, staff, {
        action: 'delete',
        entity: 'special_period',
        entityId: periodId,
        centreId: existing.centreId,
        before: existing,
      });
      await guard.reconcile(tx, staff, [existing.centreId], onAffected);
    });
  }

  async function listClosures(actor: Actor, centreId: string | undefined) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    return { items: (await repo.listClosures(db, scopeOf(staff, centreId), today())).map(toClosure) };
  }

  /** A national holiday (administrators) or a closure of a group of centres, all or none. */
  async function createClosures(actor: Actor, input: ClosureCreate) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const centreIds = input.centreIds === null ? null : requireCentres(staff, input.centreIds);
    if (centreIds === null) requireStaff(staff, { centreId: null });
    return db.transaction(async (tx) => {
      const touched = centreIds ?? (await guard.allCentreIds(tx));
      await guard.lockSchedules(tx, touched);
      if (centreIds)
        for (const id of centreIds) if (!(await repo.findCentre(tx, id))) throw new AppError('NOT_FOUND');
      const values = {
        date: input.date,
        kind: input.kind,
        name: input.name,
        openHours: input.openHours,
        provisional: input.provisional,
      };
      const rows = await repo.insertClosures(
        tx,
        (centreIds ?? [null]).map((centreId) => ({ ...values, centreId })),
      );
      if (!rows) throw new AppError('ALREADY_EXISTS', { field: 'date' });
      await audit.record(
        tx,
        staff,
        rows.map((r) => ({
          action: 'create',
          entity: 'closure',
          entityId: r.id,
          centreId: r.centreId,
          after: r,
        })),
      );
      await guard.reconcile(tx, staff, touched, input.onAffected);
      return { items: rows.map(toClosure) };
    });
  }

  /** Removing a closure only opens time, so it strands nothing; capacity rows still resync. */
  async function deleteClosure(actor: Actor, closureId: string) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const existing = await repo.findClosure(db, closureId);
    if (!existing) throw new AppError('NOT_FOUND');
    requireStaff(staff, { centreId: existing.centreId });
    await db.transaction(async (tx) => {
      const touched = existing.centreId ? [existing.centreId] : await guard.allCentreIds(tx);
      await guard.lockSchedules(tx, touched);
      await repo.deleteClosure(tx, closureId);
      await audit.record(tx, staff, {
        action: 'delete',
        entity: 'closure',
        entityId: closureId,
        centreId: existing.centreId,
        before: existing,
      });
      await guard.reconcile(tx, staff, touched, 'keep');
    });
  }

  return { listPeriods, createPeriods, deletePeriod, listClosures, createClosures, deleteClosure };
}
export type CalendarAdmin = ReturnType<typeof createCalendarAdmin>;
