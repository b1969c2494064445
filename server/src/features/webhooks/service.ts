import { randomUUID } from 'node:crypto';
import {
  WEBHOOK_EVENTS,
  type WebhookCreate,
  type WebhookDeliveryView,
  type WebhookEventType,
  type WebhookUpdate,
  type WebhookView,
} from '@mawaeed/core/contracts/integrations';
import type { Db, Queryable } from '../../db/client';
import type { WebhookDeliveryStatus } from '../../db/schema-integrations';
import { type Actor, requireStaff } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { PersonalData } from '../../lib/personal-data';
import type { Audit } from '../audit/service';
import type { Jobs } from '../jobs/service';
import { DELIVER_WEBHOOK } from './delivery';
import * as repo from './repository';
import { makeWebhookSecret } from './signature';

/** A webhook event not yet written: see `planEvent`. */
export type PlannedEvent = {
  type: WebhookEventType;
  eventId: string;
  body: string;
  createdAt: Date;
  job: ReturnType<Jobs['newJob']>;
};

function toView(row: repo.EndpointRow): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events,
    enabled: row.disabledAt === null,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The audit row's picture of an endpoint: never its secret. */
function audited(row: repo.EndpointRow) {
  const { secretSealed: _hidden, consecutiveFailures: _noise, ...rest } = row;
  return rest;
}

function toDeliveryView(row: repo.DeliveryRow, attempts: repo.AttemptRow[]): WebhookDeliveryView {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attempts: attempts.map((a) => ({
      at: a.at.toISOString(),
      statusCode: a.statusCode,
      responseSnippet: a.responseSnippet,
      error: a.error,
      durationMs: a.durationMs,
    })),
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

/**
 * Webhook endpoints (administrators) and the events they receive. `emit` runs in the
 * transaction of the change it tells of: one delivery row and one outbox job per subscribed
 * endpoint, committed or rolled back with the change.
 */
export function createWebhooks(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  jobs: Jobs;
  secrets: PersonalData;
}) {
  const { db, clock, audit, jobs, secrets } = deps;
  const administrator = (actor: Actor) => requireStaff(actor, { roles: ['administrator'] });

  /** An event's id and exact body, the same for every endpoint that receives it. */
  function eventBody(type: WebhookEventType, data: Record<string, unknown>, now: Date) {
    const eventId = randomUUID();
    const body = JSON.stringify({
      id: eventId,
      type,
      version: WEBHOOK_EVENTS[type],
      occurredAt: now.toISOString(),
      data,
    });
    return { eventId, body };
  }

  /**
   * `data` may be a function: it runs only when some endpoint listens, so an event nobody
   * subscribed to costs one indexed read and nothing more.
   */
  async function emit(
    tx: Queryable,
    type: WebhookEventType,
    data: Record<string, unknown> | (() => Promise<Record<string, unknown>>),
  ) {
    const endpoints = await repo.findSubscribers(tx, type);
    if (endpoints.length === 0) return;
    if (typeof data === 'function') data = await data();
    const now = clock.now();
    const { eventId, body } = eventBody(type, data, now);
    for (const endpoint of endpoints) {
      const delivery = await repo.insertDelivery(tx, {
        endpointId: endpoint.id,
        eventId,
        eventType: type,
        body,
        createdAt: now,
      });
      await jobs.enqueue(tx, DELIVER_WEBHOOK, { payload: { deliveryId: delivery.id } });
    }
  }

  /**
   * An event planned for a caller that writes it in its own statement together with its other
   * outbox rows: the statement finds the subscribed endpoints itself (as `emit` does, in the
   * same transaction) and adds one delivery and one job per endpoint. The job's payload names
   * its delivery, so the statement fills it in; `job` gives the rest of the row.
   */
  function planEvent(type: WebhookEventType, data: Record<string, unknown>): PlannedEvent {
    const now = clock.now();
    return {
      type,
      ...eventBody(type, data, now),
      createdAt: now,
      job: jobs.newJob(DELIVER_WEBHOOK),
    };
  }

  async function createEndpoint(actor: Actor, input: WebhookCreate) {
    const admin = administrator(actor);
    const secret = makeWebhookSecret();
    return db.transaction(async (tx) => {
      const row = await repo.insertEndpoint(tx, {
        name: input.name,
        url: input.url,
        events: [...new Set(input.events)],
        secretSealed: secrets.encrypt(secret),
        createdBy: admin.id,
        createdAt: clock.now(),
      });
      await audit.record(tx, admin, {
        action: 'create',
        entity: 'webhook_endpoint',
        entityId: row.id,
        after: audited(row),
      });
      return { ...toView(row), secret };
    });
  }

  async function listEndpoints(actor: Actor) {
    administrator(actor);
    return { items: (await repo.listEndpoints(db)).map(toView) };
  }

  /** Changes an endpoint; `enabled: true` turns a disabled one back on with a clean failure count. */
  async function updateEndpoint(actor: Actor, id: string, input: WebhookUpdate) {
    const admin = administrator(actor);
    return db.transaction(async (tx) => {
      const existing = await repo.findEndpoint(tx, id);
      if (!existing) throw new AppError('NOT_FOUND');
      const row = await repo.updateEndpoint(tx, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: [...new Set(input.events)] } : {}),
        ...(input.enabled === true && existing.disabledAt
          ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0 }
          : {}),
        ...(input.enabled === false && !existing.disabledAt
          ? { disabledAt: clock.now(), disabledReason: 'disabled by an administrator' }
          : {}),
      });
      if (!row) throw new AppError('NOT_FOUND');
      await audit.record(tx, admin, {
        action: 'update',
        entity: 'webhook_endpoint',
        entityId: id,
        before: audited(existing),
        after: audited(row),
      });
      return toView(row);
    });
  }

  async function deleteEndpoint(actor: Actor, id: string) {
    const admin = administrator(actor);
    await db.transaction(async (tx) => {
      const row = await repo.deleteEndpoint(tx, id);
      if (!row) throw new AppError('NOT_FOUND');
      await audit.record(tx, admin, {
        action: 'delete',
        entity: 'webhook_endpoint',
        entityId: id,
        before: audited(row),
      });
    });
  }

  async function listDeliveries(
    actor: Actor,
    endpointId: string,
    filter: { status?: WebhookDeliveryStatus | undefined; limit: number },
  ) {
    administrator(actor);
    if (!(await repo.findEndpoint(db, endpointId))) throw new AppError('NOT_FOUND');
    const rows = await repo.listDeliveries(db, endpointId, filter);
    const attempts = await repo.listAttempts(
      db,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) =>
        toDeliveryView(
          r,
          attempts.filter((a) => a.deliveryId === r.id),
        ),
      ),
    };
  }

  /** Sends a delivery again (same event id and body, fresh signature), whatever its state. */
  async function resendDelivery(actor: Actor, deliveryId: string) {
    const admin = administrator(actor);
    const row = await db.transaction(async (tx) => {
      const updated = await repo.updateDelivery(tx, deliveryId, { status: 'pending', deliveredAt: null });
      if (!updated) throw new AppError('NOT_FOUND');
      await jobs.enqueue(tx, DELIVER_WEBHOOK, { payload: { deliveryId } });
      await audit.record(tx, admin, { action: 'resend', entity: 'webhook_delivery', entityId: deliveryId });
      return updated;
    });
    return toDeliveryView(row, await repo.listAttempts(db, [deliveryId]));
  }

  return {
    emit,
    planEvent,
    createEndpoint,
    listEndpoints,
    updateEndpoint,
    deleteEndpoint,
    listDeliveries,
    resendDelivery,
  };
}
export type Webhooks = ReturnType<typeof createWebhooks>;
