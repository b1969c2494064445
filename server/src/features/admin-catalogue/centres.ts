import type { AdminCentre, CentreCreate, CentreUpdate, OnAffected } from '@mawaeed/core/contracts/admin';
import type { WeeklyHours } from '@mawaeed/core/schedule/types';
import { todayIn } from '@mawaeed/core/time/local';
import type { Db } from '../../db/client';
import { type Actor, CENTRE_ADMINS, isAdministrator, requireStaff } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Audit, AuditChange } from '../audit/service';
import type { ScheduleGuard } from '../schedule-guard/service';
import * as repo from './repository';

export function toAdminCentre(row: repo.CentreRow): AdminCentre {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    address: row.address,
    phone: row.phone,
    location: { lat: row.lat, lng: row.lng },
    timeZone: row.timeZone,
    weeklyHours: row.weeklyHours,
    active: row.active,
    callPolicy: { priorityFirst: row.callPriorityFirst, walkInMaxWaitMinutes: row.walkInMaxWaitMinutes },
  };
}

const CLOSED_EVERY_DAY: WeeklyHours = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };

export type AdminDeps = { db: Db; clock: Clock; audit: Audit; guard: ScheduleGuard };

export function createCentreAdmin(deps: AdminDeps) {
  const { db, clock, audit, guard } = deps;

  async function listCentres(actor: Actor) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const rows = await repo.listCentres(db, isAdministrator(staff) ? null : staff.centreIds);
    return { items: rows.map(toAdminCentre) };
  }

  async function getCentre(actor: Actor, centreId: string) {
    requireStaff(actor, { roles: CENTRE_ADMINS, centreId });
    const row = await repo.findCentre(db, centreId);
    if (!row) throw new AppError('NOT_FOUND');
    return toAdminCentre(row);
  }

  /**
   * A new centre, from scratch or copied from another: its hours, coming special periods,
   * offerings with their capacity, and counters with the services they serve.
   */
  async function createCentre(actor: Actor, input: CentreCreate) {
    const staff = requireStaff(actor, { roles: ['administrator'] });
    const source = input.copyFrom ? await repo.findCentre(db, input.copyFrom) : undefined;
    if (input.copyFrom && !source) throw new AppError('NOT_FOUND');
    // Left out: the source's hours, or closed every day until someone sets them (a new centre
    // takes no bookings before its hours exist, which is what the contract promises).
    const weeklyHours = input.weeklyHours ?? source?.weeklyHours ?? CLOSED_EVERY_DAY;
    const today = source ? todayIn(source.timeZone, clock.now()) : '';
    const [offerings, periods, counters] = source
      ? await Promise.all([
          repo.listOfferings(db, source.id),
          repo.listPeriods(db, [source.id], today),
          repo.listCountersWithServices(db, source.id),
        ])
      : [[], [], []];
    return db.transaction(async (tx) => {
      const row = await repo.insertCentre(tx, {
        code: input.code,
        name: input.name,
        address: input.address,
        phone: input.phone,
        lat: input.location.lat,
        lng: input.location.lng,
        timeZone: input.timeZone,
        weeklyHours,
      });
      if (!row) throw new AppError('ALREADY_EXISTS', { field: 'code' });
      const changes: AuditChange[] = [
        {
          action: 'create',
          entity: 'centre',
          entityId: row.id,
          centreId: row.id,
          after: { ...row, copiedFrom: source?.id ?? null },
        },
      ];
      for (const o of offerings) {
        const copy = await repo.upsertOffering(tx, { ...o, id: undefined, centreId: row.id });
        changes.push({
          action: 'create',
          entity: 'offering',
          entityId: copy.id,
          centreId: row.id,
          after: copy,
        });
      }
      for (const p of await repo.insertPeriods(
        tx,
        periods.map((p) => ({ ...p, id: undefined, centreId: row.id })),
      )) {
        changes.push({
          action: 'create',
          entity: 'special_period',
          entityId: p.id,
          centreId: row.id,
          after: p,
        });
      }
      for (const c of counters) {
        const copy = await repo.insertCounter(
          tx,
          { centreId: row.id, number: c.number, name: c.name, active: c.active },
          c.serviceIds,
        );
        if (copy)
          changes.push({
            action: 'create',
            entity: 'counter',
            entityId: copy.id,
            centreId: row.id,
            after: copy,
          });
      }
      await audit.record(tx, staff, changes);
      return toAdminCentre(row);
    });
  }

  async function updateCentre(actor: Actor, centreId: string, input: CentreUpdate) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS, centreId });
    // Opening or closing a centre, and moving its zone, are the ministry's calls.
    if ((input.active !== undefined || input.timeZone !== undefined) && !isAdministrator(staff)) {
      throw new AppError('FORBIDDEN');
    }
    const { onAffected, location, callPolicy, ...rest } = input;
    return db.transaction(async (tx) => {
      await guard.lockSchedules(tx, [centreId]);
      const before = await repo.findCentre(tx, centreId, { forUpdate: true });
      if (!before) throw new AppError('NOT_FOUND');
      const after = await repo.updateCentre(tx, centreId, {
        ...rest,
        ...(location ? { lat: location.lat, lng: location.lng } : {}),
        ...(callPolicy
          ? {
              callPriorityFirst: callPolicy.priorityFirst,
              walkInMaxWaitMinutes: callPolicy.walkInMaxWaitMinutes,
            }
          : {}),
      });
      if (!after) throw new AppError('NOT_FOUND');
      await guard.reconcile(tx, staff, [centreId], onAffected);
      await audit.record(tx, staff, {
        action: 'update',
        entity: 'centre',
        entityId: centreId,
        centreId,
        before,
        after,
      });
      return toAdminCentre(after);
    });
  }

  /** The same weekly hours for a group of centres, in one transaction (all or none). */
  async function applyWeeklyHours(
    actor: Actor,
    input: { centreIds: string[]; weeklyHours: WeeklyHours; onAffected?: OnAffected | undefined },
  ) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const centreIds = [...new Set(input.centreIds)];
    for (const centreId of centreIds) requireStaff(staff, { centreId });
    return db.transaction(async (tx) => {
      await guard.lockSchedules(tx, centreIds);
      const items = [];
      for (const centreId of centreIds) {
        const before = await repo.findCentre(tx, centreId, { forUpdate: true });
        if (!before) throw new AppError('NOT_FOUND');
        const after = await repo.updateCentre(tx, centreId, { weeklyHours: input.weeklyHours });
        if (!after) throw new AppError('NOT_FOUND');
        await audit.record(tx, staff, {
          action: 'update',
          entity: 'centre',
          entityId: centreId,
          centreId,
          before: { weeklyHours: before.weeklyHours },
          after: { weeklyHours: after.weeklyHours },
        });
        items.push(toAdminCentre(after));
      }
      await guard.reconcile(tx, staff, centreIds, input.onAffected);
      return { items };
    });
  }

  return { listCentres, getCentre, createCentre, updateCentre, applyWeeklyHours };
}
export type CentreAdmin = ReturnType<typeof createCentreAdmin>;
