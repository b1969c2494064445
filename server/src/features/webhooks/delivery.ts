import { and, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import { staff } from '../../db/schema-staff';
import { SYSTEM } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import type { PersonalData } from '../../lib/personal-data';
import type { Audit } from '../audit/service';
import type { JobContext } from '../jobs/service';
import type { Messages } from '../messages/service';
import * as repo from './repository';
import { signWebhook } from './signature';

export const DELIVER_WEBHOOK = 'webhook.deliver';
const SNIPPET_CHARS = 500;

export type DeliveryPolicy = {
  /** Failed attempts in a row after which an endpoint is disabled. */
  disableAfter: number;
  timeoutMs: number;
};

/** One POST of a delivery's body; its outcome, never thrown. */
async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number) {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Mawaeed-Webhooks/1', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text().catch(() => '');
    return {
      ok: res.status >= 200 && res.status < 300,
      statusCode: res.status,
      responseSnippet: text.slice(0, SNIPPET_CHARS),
      error: null,
      durationMs: Date.now() - started,
    };
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { ok: false, statusCode: null, responseSnippet: null, error, durationMs: Date.now() - started };
  }
}

/**
 * The job that sends one delivery: signs the stored body with a fresh timestamp, records the
 * attempt, and on failure throws so the outbox retries with its exponential backoff. After
 * `disableAfter` failures in a row the endpoint is disabled: its state shows it, an audit row
 * (actor "system") records it, and its pending deliveries stop.
 */
export function createWebhookDelivery(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  secrets: PersonalData;
  policy: DeliveryPolicy;
  log: FastifyBaseLogger;
  /** Tells the active administrators by e-mail when an endpoint is disabled. */
  messages: Pick<Messages, 'queueStaffNotice'>;
}) {
  const { db, clock, audit, secrets, policy, log, messages } = deps;

  async function run(payload: Record<string, unknown>, _ctx: JobContext) {
    const delivery = await repo.findDelivery(db, String(payload.deliveryId));
    if (!delivery || delivery.status === 'delivered') return;
    const endpoint = await repo.findEndpoint(db, delivery.endpointId);
    if (!endpoint) return;
    if (endpoint.disabledAt) {
      await repo.updateDelivery(db, delivery.id, { status: 'failed' });
      return;
    }
    const now = clock.now();
    const signature = signWebhook(
      secrets.decrypt(endpoint.secretSealed),
      delivery.body,
      Math.floor(now.getTime() / 1000),
    );
    const outcome = await post(
      endpoint.url,
      delivery.body,
      {
        'mawaeed-signature': signature,
        'mawaeed-event': delivery.eventType,
        'mawaeed-delivery': delivery.id,
      },
      policy.timeoutMs,
    );
    await repo.recordAttempt(db, {
      deliveryId: delivery.id,
      at: now,
      statusCode: outcome.statusCode,
      responseSnippet: outcome.responseSnippet,
      error: outcome.error,
      durationMs: outcome.durationMs,
    });
    if (outcome.ok) {
      await repo.updateDelivery(db, delivery.id, { status: 'delivered', deliveredAt: clock.now() });
      await repo.updateEndpoint(db, endpoint.id, { consecutiveFailures: 0 });
      return;
    }
    const counted = await repo.countFailure(db, endpoint.id);
    if (counted && counted.failures >= policy.disableAfter) {
      await disable(endpoint.id, counted.failures);
      await repo.updateDelivery(db, delivery.id, { status: 'failed' });
      return;
    }
    throw new Error(outcome.error ?? `endpoint answered ${outcome.statusCode}`);
  }

  async function disable(endpointId: string, failures: number) {
    const reason = `${failures} failed attempts in a row`;
    await db.transaction(async (tx) => {
      const row = await repo.disableEndpoint(tx, endpointId, clock.now(), reason);
      if (!row) return;
      await audit.record(tx, SYSTEM, {
        action: 'disable',
        entity: 'webhook_endpoint',
        entityId: endpointId,
        after: { name: row.name, url: row.url, disabledReason: reason },
      });
      log.warn({ endpointId, failures }, 'webhook endpoint disabled');
      const administrators = await tx
        .select({ email: staff.email })
        .from(staff)
        .where(and(eq(staff.role, 'administrator'), eq(staff.active, true)));
      await messages.queueStaffNotice(tx, {
        kind: 'webhook-disabled',
        to: administrators.map((a) => a.email),
        subject: `Mawaeed: webhook “${row.name}” disabled · تم إيقاف الويب هوك «${row.name}»`,
        text: [
          `The webhook endpoint “${row.name}” (${row.url}) was disabled after ${reason}.`,
          'Its pending deliveries stopped. Check the receiver, then turn the endpoint back on under Administration → Webhooks; failed deliveries can be sent again from there.',
          '',
          `تم إيقاف نقطة استقبال الويب هوك «${row.name}» (${row.url}) بعد ${failures} محاولات فاشلة متتالية.`,
          'توقفت عمليات التسليم المعلقة. تحقّق من جهة الاستقبال، ثم أعد تشغيلها من الإدارة ← الويب هوك، ويمكن إعادة إرسال عمليات التسليم الفاشلة من هناك.',
        ].join('\n'),
        dedupeKey: `webhook-disabled:${endpointId}:${row.disabledAt?.toISOString()}`,
      });
    });
  }

  async function onDead(payload: Record<string, unknown>) {
    await repo.updateDelivery(db, String(payload.deliveryId), { status: 'failed' });
  }

  return { run, onDead };
}
