import type { AdminCounter } from '@mawaeed/core/contracts/admin';
import type { Bilingual } from '@mawaeed/core/schedule/types';
import { type Actor, CENTRE_ADMINS, requireStaff } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { AdminDeps } from './centres';
import * as repo from './repository';

type CounterWithServices = NonNullable<Awaited<ReturnType<typeof repo.findCounter>>>;

function toCounter(row: CounterWithServices): AdminCounter {
  return {
    id: row.id,
    centreId: row.centreId,
    number: row.number,
    name: row.name,
    serviceIds: row.serviceIds,
    active: row.active,
  };
}

/** A centre's desks and the services each serves. */
export function createCounterAdmin(deps: AdminDeps) {
  const { db, audit } = deps;

  async function requireServices(serviceIds: string[]) {
    const unique = [...new Set(serviceIds)];
    if ((await repo.countExistingServices(db, unique)) !== unique.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        {},
        { errors: [{ path: 'body.serviceIds', message: 'Unknown service' }] },
      );
    }
    return unique;
  }

  async function listCounters(actor: Actor, centreId: string) {
    requireStaff(actor, { roles: CENTRE_ADMINS, centreId });
    return { items: (await repo.listCountersWithServices(db, centreId)).map(toCounter) };
  }

  async function createCounter(
    actor: Actor,
    centreId: string,
    input: { number: number; name: Bilingual; serviceIds: string[]; active: boolean },
  ) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS, centreId });
    if (!(await repo.findCentre(db, centreId))) throw new AppError('NOT_FOUND');
    const serviceIds = await requireServices(input.serviceIds);
    return db.transaction(async (tx) => {
      const row = await repo.insertCounter(
        tx,
        { centreId, number: input.number, name: input.name, active: input.active },
        serviceIds,
      );
      if (!row) throw new AppError('ALREADY_EXISTS', { field: 'number' });
      await audit.record(tx, staff, {
        action: 'create',
        entity: 'counter',
        entityId: row.id,
        centreId,
        after: row,
      });
      return toCounter(row);
    });
  }

  async function updateCounter(
    actor: Actor,
    counterId: string,
    input: {
      number?: number | undefined;
      name?: Bilingual | undefined;
      serviceIds?: string[] | undefined;
      active?: boolean | undefined;
    },
  ) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const before = await repo.findCounter(db, counterId);
    if (!before) throw new AppError('NOT_FOUND');
    requireStaff(staff, { centreId: before.centreId });
    const serviceIds = input.serviceIds ? await requireServices(input.serviceIds) : undefined;
    const { serviceIds: _ignored, ...set } = input;
    return db.transaction(async (tx) => {
      await repo.updateCounter(tx, counterId, set, serviceIds);
      const after = await repo.findCounter(tx, counterId);
      if (!after) throw new AppError('NOT_FOUND');
      await audit.record(tx, staff, {
        action: 'update',
        entity: 'counter',
        entityId: counterId,
        centreId: after.centreId,
        before,
        after,
      });
      return toCounter(after);
    });
  }

  return { listCounters, createCounter, updateCounter };
}
export type CounterAdmin = ReturnType<typeof createCounterAdmin>;
