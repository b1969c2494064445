import { randomBytes } from 'node:crypto';
import type { ApiKeyCreate, ApiKeyView, ApiScope } from '@mawaeed/core/contracts/integrations';
import type { Db } from '../../db/client';
import { type Actor, type ApiKeyActor, requireStaff } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { hashSecret } from '../../lib/personal-data';
import { API_KEY_PREFIX, type ApiKeyCheck } from '../../plugins/auth';
import type { Audit } from '../audit/service';
import * as repo from './repository';

const WINDOW_MS = 60_000;

function toView(row: repo.ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiScope[],
    centreIds: row.centreIds,
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The audit row's picture of a key: never the key or its hash. */
function audited(row: repo.ApiKeyRow) {
  const { tokenHash: _hidden, lastUsedAt: _noise, ...rest } = row;
  return rest;
}

/**
 * Partner systems' API keys: created by administrators and shown once (SHA-256 kept), revoked
 * with effect on the next call, limited per minute by a counter in the database (so the limit
 * holds across instances), and every call audited with the key's name.
 */
export function createApiKeys(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  async function createKey(actor: Actor, input: ApiKeyCreate) {
    const admin = requireStaff(actor, { roles: ['administrator'] });
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    return db.transaction(async (tx) => {
      const row = await repo.insertApiKey(tx, {
        name: input.name,
        prefix: key.slice(0, 10),
        tokenHash: hashSecret(key),
        scopes: input.scopes,
        centreIds: input.centreIds,
        rateLimitPerMinute: input.rateLimitPerMinute,
        createdBy: admin.id,
        createdAt: clock.now(),
      });
      if (!row) throw new AppError('ALREADY_EXISTS', { field: 'name' });
      await audit.record(tx, admin, {
        action: 'create',
        entity: 'api_key',
        entityId: row.id,
        after: audited(row),
      });
      return { ...toView(row), key };
    });
  }

  async function listKeys(actor: Actor) {
    requireStaff(actor, { roles: ['administrator'] });
    return { items: (await repo.listApiKeys(db)).map(toView) };
  }

  async function revokeKey(actor: Actor, keyId: string) {
    const admin = requireStaff(actor, { roles: ['administrator'] });
    return db.transaction(async (tx) => {
      const existing = await repo.findApiKey(tx, keyId);
      if (!existing) throw new AppError('NOT_FOUND');
      if (existing.revokedAt) return toView(existing);
      const row = await repo.revokeApiKey(tx, keyId, clock.now());
      if (!row) throw new AppError('NOT_FOUND');
      await audit.record(tx, admin, {
        action: 'revoke',
        entity: 'api_key',
        entityId: row.id,
        before: audited(existing),
        after: audited(row),
      });
      return toView(row);
    });
  }

  /** Who a presented key is, and whether it may call now; counts the call against its limit. */
  async function checkKey(token: string): Promise<ApiKeyCheck> {
    if (token.length > 200) return { ok: false, reason: 'unknown' };
    const now = clock.now();
    const row = await repo.touchApiKeyByHash(db, hashSecret(token), now);
    if (!row) return { ok: false, reason: 'unknown' };
    const actor: ApiKeyActor = {
      kind: 'api_key',
      id: row.id,
      name: row.name,
      scopes: row.scopes as ApiScope[],
      centreIds: row.centreIds,
    };
    if (row.revokedAt) return { ok: false, reason: 'revoked', actor };
    const windowStart = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
    const calls = await repo.countCall(db, row.id, new Date(windowStart));
    if (calls > row.rateLimitPerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now.getTime()) / 1000));
      return { ok: false, reason: 'rate_limited', actor, retryAfterSeconds };
    }
    return { ok: true, actor };
  }

  /**
   * One audit row per call made with a key: its name, the route's pattern (no ids, references or
   * personal data from the path or query) and the answer's status.
   */
  async function recordCall(actor: ApiKeyActor, call: { method: string; route: string; status: number }) {
    await audit.record(db, actor, {
      action: 'call',
      entity: 'api_key',
      entityId: actor.id,
      after: { key: actor.name, method: call.method, route: call.route, status: call.status },
    });
  }

  async function purgeUsage() {
    return repo.purgeUsageBefore(db, new Date(clock.now().getTime() - 24 * 3600_000));
  }

  return { createKey, listKeys, revokeKey, checkKey, recordCall, purgeUsage };
}
export type ApiKeys = ReturnType<typeof createApiKeys>;
