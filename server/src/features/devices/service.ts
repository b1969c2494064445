import { randomBytes } from 'node:crypto';
import type { DeviceKind, DeviceView } from '@mawaeed/core/contracts/staff';
import type { Db } from '../../db/client';
import { type Actor, CENTRE_ADMINS, type DeviceActor, requireDevice, requireStaff } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { hashSecret } from '../../lib/personal-data';
import { DEVICE_TOKEN_PREFIX } from '../../plugins/auth';
import type { Audit } from '../audit/service';
import * as repo from './repository';

/** A device's last-seen time is written at most this often. */
const TOUCH_EVERY_MS = 5 * 60_000;

function toView(row: repo.DeviceRow): DeviceView {
  return {
    id: row.id,
    centreId: row.centreId,
    kind: row.kind,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The audit row's picture of a device: never its token or the token's hash. */
function audited(row: repo.DeviceRow) {
  const { tokenHash: _hidden, ...rest } = row;
  return rest;
}

/**
 * Kiosks and hall boards: registered for one centre and one screen by an administrator or that
 * centre's manager, on a bearer token shown once, valid until revoked (no idle timeout).
 */
export function createDeviceService(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  async function registerDevice(actor: Actor, centreId: string, input: { kind: DeviceKind; name: string }) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS, centreId });
    if (!(await repo.findCentreBrief(db, centreId))) throw new AppError('NOT_FOUND');
    const token = `${DEVICE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await db.transaction(async (tx) => {
      const inserted = await repo.insertDevice(tx, {
        centreId,
        kind: input.kind,
        name: input.name,
        tokenHash: hashSecret(token),
        createdBy: staff.id,
        createdAt: clock.now(),
      });
      await audit.record(tx, staff, {
        action: 'create',
        entity: 'device',
        entityId: inserted.id,
        centreId,
        after: audited(inserted),
      });
      return inserted;
    });
    return { ...toView(row), token };
  }

  async function listDevices(actor: Actor, centreId: string) {
    requireStaff(actor, { roles: CENTRE_ADMINS, centreId });
    return { items: (await repo.listDevices(db, centreId)).map(toView) };
  }

  async function revokeDevice(actor: Actor, deviceId: string) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const existing = await repo.findDevice(db, deviceId);
    if (!existing) throw new AppError('NOT_FOUND');
    requireStaff(staff, { centreId: existing.centreId });
    if (existing.revokedAt) return toView(existing);
    return db.transaction(async (tx) => {
      const row = await repo.updateDevice(tx, deviceId, { revokedAt: clock.now() });
      if (!row) throw new AppError('NOT_FOUND');
      await audit.record(tx, staff, {
        action: 'revoke',
        entity: 'device',
        entityId: row.id,
        centreId: row.centreId,
        before: audited(existing),
        after: audited(row),
      });
      return toView(row);
    });
  }

  async function resolveDevice(token: string): Promise<DeviceActor | null> {
    const row = await repo.findLiveDeviceByHash(db, hashSecret(token));
    if (!row) return null;
    const now = clock.now();
    if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await repo.updateDevice(db, row.id, { lastSeenAt: now });
    }
    return { kind: 'device', id: row.id, centreId: row.centreId, deviceKind: row.kind };
  }

  /** What a screen shows of its own centre. */
  async function deviceCentre(actor: Actor) {
    const device = requireDevice(actor);
    const [row, centre] = await Promise.all([
      repo.findDevice(db, device.id),
      repo.findCentreBrief(db, device.centreId),
    ]);
    if (!row || !centre) throw new AppError('NOT_FOUND');
    return { device: { id: row.id, kind: row.kind, name: row.name }, centre };
  }

  return { registerDevice, listDevices, revokeDevice, resolveDevice, deviceCentre };
}
export type DeviceService = ReturnType<typeof createDeviceService>;
