import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Queryable, runStatement, type Statement } from '../../db/client';
import {
  type WebhookDeliveryStatus,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from '../../db/schema-integrations';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

export async function insertEndpoint(tx: Queryable, values: typeof webhookEndpoints.$inferInsert) {
  const [row] = await tx.insert(webhookEndpoints).values(values).returning();
  if (!row) throw new Error('webhook endpoint not inserted');
  return row;
}

export async function listEndpoints(db: Queryable) {
  return db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.createdAt));
}

export async function findEndpoint(db: Queryable, id: string) {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

export async function updateEndpoint(
  tx: Queryable,
  id: string,
  set: Partial<typeof webhookEndpoints.$inferInsert>,
) {
  const [row] = await tx.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, id)).returning();
  return row;
}

export async function deleteEndpoint(tx: Queryable, id: string) {
  const rows = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning();
  return rows[0];
}

/** Enabled endpoints subscribed to an event type. */
const SUBSCRIBERS: Statement = {
  name: 'webhooks_subscribers',
  text: `SELECT id FROM webhook_endpoints WHERE disabled_at IS NULL AND events @> jsonb_build_array($1::text)`,
};

/** The enabled endpoints subscribed to an event type: asked on every booking, so a prepared statement. */
export async function findSubscribers(tx: Queryable, eventType: string) {
  return runStatement<{ id: string }>(tx, SUBSCRIBERS, [eventType]);
}

export async function insertDelivery(tx: Queryable, values: typeof webhookDeliveries.$inferInsert) {
  const [row] = await tx.insert(webhookDeliveries).values(values).returning();
  if (!row) throw new Error('webhook delivery not inserted');
  return row;
}

export async function findDelivery(db: Queryable, id: string) {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

export async function updateDelivery(
  db: Queryable,
  id: string,
  set: Partial<typeof webhookDeliveries.$inferInsert>,
) {
  const [row] = await db.update(webhookDeliveries).set(set).where(eq(webhookDeliveries.id, id)).returning();
  return row;
}

export async function recordAttempt(db: Queryable, values: typeof webhookAttempts.$inferInsert) {
  await db.insert(webhookAttempts).values(values);
  await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(eq(webhookDeliveries.id, values.deliveryId));
}

/** One more failure in a row; returns the new count. */
export async function countFailure(db: Queryable, endpointId: string) {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
    .where(eq(webhookEndpoints.id, endpointId))
    .returning({ failures: webhookEndpoints.consecutiveFailures, disabledAt: webhookEndpoints.disabledAt });
  return row;
}

/** Disables an endpoint unless it already is; returns the row when this call disabled it. */
export async function disableEndpoint(db: Queryable, id: string, at: Date, reason: string) {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ disabledAt: at, disabledReason: reason })
    .where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.disabledAt)))
    .returning();
  return row;
}

export async function listDeliveries(
  db: Queryable,
  endpointId: string,
  filter: { status?: WebhookDeliveryStatus | undefined; limit: number },
) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(filter.limit);
}

export async function listAttempts(db: Queryable, deliveryIds: string[]) {
  if (deliveryIds.length === 0) return [];
  return db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, deliveryIds))
    .orderBy(asc(webhookAttempts.id));
}
