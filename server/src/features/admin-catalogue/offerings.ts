import type { OfferingInput, ServiceCreate, ServiceUpdate } from '@mawaeed/core/contracts/admin';
import { type Actor, CENTRE_ADMINS, requireStaff } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { AdminDeps } from './centres';
import * as repo from './repository';

function toService(row: repo.ServiceRow) {
  return {
    id: row.id,
    code: row.code,
    active: row.active,
    name: row.name,
    description: row.description,
    letter: row.letter,
    durationMinutes: row.durationMinutes,
    documents: row.documents,
    walkIns: row.walkIns,
    minLeadMinutes: row.minLeadMinutes,
    maxDaysAhead: row.maxDaysAhead,
    perPersonLimit: row.perPersonLimit,
    sortOrder: row.sortOrder,
    checkInEarlyMinutes: row.checkInEarlyMinutes,
    checkInLateMinutes: row.checkInLateMinutes,
  };
}

function toOffering(row: repo.OfferingRow) {
  return {
    id: row.id,
    centreId: row.centreId,
    serviceId: row.serviceId,
    slotMinutes: row.slotMinutes,
    capacity: row.capacity,
    capacityRules: row.capacityRules,
    walkInDailyCapacity: row.walkInDailyCapacity,
    active: row.active,
  };
}

/** The ministry's services (administrators) and what each centre offers of them. */
export function createOfferingAdmin(deps: AdminDeps) {
  const { db, audit, guard } = deps;

  async function listServices(actor: Actor) {
    requireStaff(actor, { roles: CENTRE_ADMINS });
    return { items: (await repo.listServices(db)).map(toService) };
  }

  async function createService(actor: Actor, input: ServiceCreate) {
    const staff = requireStaff(actor, { roles: ['administrator'] });
    return db.transaction(async (tx) => {
      const row = await repo.insertService(tx, input);
      if (!row) throw new AppError('ALREADY_EXISTS', { field: 'code' });
      await audit.record(tx, staff, { action: 'create', entity: 'service', entityId: row.id, after: row });
      return toService(row);
    });
  }

  /** Withdrawing a service ends it at every centre, so the guard looks at all of them. */
  async function updateService(actor: Actor, serviceId: string, input: ServiceUpdate) {
    const staff = requireStaff(actor, { roles: ['administrator'] });
    const { onAffected, ...set } = input;
    return db.transaction(async (tx) => {
      const centreIds = await guard.centresOffering(tx, serviceId);
      await guard.lockSchedules(tx, centreIds);
      const before = await repo.findService(tx, serviceId);
      if (!before) throw new AppError('NOT_FOUND');
      const after = Object.keys(set).length ? await repo.updateService(tx, serviceId, set) : before;
      if (!after) throw new AppError('NOT_FOUND');
      await audit.record(tx, staff, {
        action: 'update',
        entity: 'service',
        entityId: serviceId,
        before,
        after,
      });
      await guard.reconcile(tx, staff, centreIds, onAffected);
      return toService(after);
    });
  }

  async function listOfferings(actor: Actor, centreId: string) {
    requireStaff(actor, { roles: CENTRE_ADMINS, centreId });
    return { items: (await repo.listOfferings(db, centreId)).map(toOffering) };
  }

  /** Creates or changes what a centre offers of a service; cuts and endings pass the guard. */
  async function putOffering(actor: Actor, centreId: string, serviceId: string, input: OfferingInput) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS, centreId });
    const { onAffected, ...plan } = input;
    return db.transaction(async (tx) => {
      await guard.lockSchedules(tx, [centreId]);
      if (!(await repo.findCentre(tx, centreId)) || !(await repo.findService(tx, serviceId))) {
        throw new AppError('NOT_FOUND');
      }
      const before = await repo.findOffering(tx, centreId, serviceId);
      const after = await repo.upsertOffering(tx, { centreId, serviceId, ...plan });
      await audit.record(tx, staff, {
        action: before ? 'update' : 'create',
        entity: 'offering',
        entityId: after.id,
        centreId,
        before: before ?? null,
        after,
      });
      await guard.reconcile(tx, staff, [centreId], onAffected);
      return toOffering(after);
    });
  }

  return { listServices, createService, updateService, listOfferings, putOffering };
}
export type OfferingAdmin = ReturnType<typeof createOfferingAdmin>;
