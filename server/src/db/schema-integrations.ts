import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { staff } from './schema-staff';

const at = () => timestamp({ withTimezone: true });

/**
 * A partner system's key (`mk_…`), created by an administrator and shown once; only its SHA-256
 * is kept. `centreIds` limits the hall:read scope to those centres.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull().unique(),
    /** The first characters of the key, so an administrator can tell keys apart. */
    prefix: text().notNull(),
    tokenHash: text().notNull().unique(),
    scopes: jsonb().$type<string[]>().notNull(),
    centreIds: jsonb().$type<string[]>().notNull().default([]),
    /** Calls allowed per minute, counted in the database so every instance shares the count. */
    rateLimitPerMinute: integer().notNull(),
    createdBy: uuid().references(() => staff.id, { onDelete: 'set null' }),
    createdAt: at().notNull(),
    lastUsedAt: at(),
    revokedAt: at(),
  },
  (t) => [check('api_keys_rate_limit', sql`${t.rateLimitPerMinute} > 0`)],
);

/** Calls of a key per minute (fixed windows); old windows are purged daily. */
export const apiKeyUsage = pgTable(
  'api_key_usage',
  {
    keyId: uuid()
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    windowStart: at().notNull(),
    calls: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.windowStart] }), index().on(t.windowStart)],
);

/**
 * Where events go. The signing secret must be read back to sign, so it is sealed with a key
 * derived from MAWAEED_DATA_KEY rather than hashed.
 */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  url: text().notNull(),
  events: jsonb().$type<string[]>().notNull(),
  secretSealed: text().notNull(),
  /** Failed attempts in a row; a success sets it back to 0. */
  consecutiveFailures: integer().notNull().default(0),
  disabledAt: at(),
  disabledReason: text(),
  createdBy: uuid().references(() => staff.id, { onDelete: 'set null' }),
  createdAt: at().notNull(),
});

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event owed to one endpoint; written in the transaction of the change it tells of. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid().notNull(),
    eventType: text().notNull(),
    /** The exact JSON body sent (and signed), so a resend sends the same bytes. */
    body: text().notNull(),
    status: text({ enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    createdAt: at().notNull(),
    deliveredAt: at(),
  },
  (t) => [
    index().on(t.endpointId, t.createdAt),
    check('webhook_deliveries_status', sql`${t.status} IN ('pending', 'delivered', 'failed')`),
  ],
);

/** Each try of a delivery: the answer's status and the start of its body, or the error. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: at().notNull(),
    statusCode: integer(),
    responseSnippet: text(),
    error: text(),
    durationMs: integer().notNull(),
  },
  (t) => [index().on(t.deliveryId)],
);
