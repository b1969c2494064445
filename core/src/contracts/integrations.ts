import { z } from 'zod';
import { Id, LocalDate } from './common';

/**
 * What a partner's API key may do. `bookings:create` books on behalf of a person without the
 * one-time code and the captcha (the partner vouches for the person); `hall:read` reaches only
 * the key's centres.
 */
export const API_SCOPES = ['availability:read', 'bookings:create', 'hall:read', 'kpis:read'] as const;
export const ApiScope = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScope>;

export const ApiKeyCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(ApiScope).min(1).max(API_SCOPES.length),
    /** The centres whose hall a `hall:read` key reads. */
    centreIds: z.array(Id).max(200).default([]),
    rateLimitPerMinute: z.int().min(1).max(100_000).default(600),
  })
  .refine((k) => new Set(k.scopes).size === k.scopes.length, {
    message: 'A scope is listed twice',
    path: ['scopes'],
  })
  .refine((k) => !k.scopes.includes('hall:read') || k.centreIds.length > 0, {
    message: 'hall:read needs the centres it may read',
    path: ['centreIds'],
  });
export type ApiKeyCreate = z.infer<typeof ApiKeyCreate>;

export const ApiKeyView = z.object({
  id: Id,
  name: z.string(),
  /** The key's first characters, to tell keys apart; never the key. */
  prefix: z.string(),
  scopes: z.array(ApiScope),
  centreIds: z.array(Id),
  rateLimitPerMinute: z.int(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;
/** The key is shown this once; only its hash is kept. */
export const ApiKeyCreated = ApiKeyView.extend({ key: z.string() });
export const ApiKeyList = z.object({ items: z.array(ApiKeyView) });
export const ApiKeyParams = z.strictObject({ keyId: Id });

/**
 * The webhook event types and their current payload version. Adding a type is one line here
 * and one `webhooks.emit(tx, type, data)` call where it happens (docs/api.md, "Integrations").
 */
export const WEBHOOK_EVENTS = {
  'booking.created': 1,
  'booking.rescheduled': 1,
  'booking.cancelled': 1,
  'ticket.checked_in': 1,
  'ticket.called': 1,
  'ticket.served': 1,
  'ticket.no_show': 1,
  'feedback.received': 1,
} as const satisfies Record<string, number>;
export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
const EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]];
export const WebhookEventType = z.enum(EVENT_TYPES);

const WebhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), 'No credentials in the address');

export const WebhookCreate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  url: WebhookUrl,
  events: z.array(WebhookEventType).min(1).max(EVENT_TYPES.length),
});
export type WebhookCreate = z.infer<typeof WebhookCreate>;

export const WebhookUpdate = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  url: WebhookUrl.optional(),
  events: z.array(WebhookEventType).min(1).max(EVENT_TYPES.length).optional(),
  /** `true` turns a disabled endpoint back on (its failure count starts again at 0). */
  enabled: z.boolean().optional(),
});
export type WebhookUpdate = z.infer<typeof WebhookUpdate>;

export const WebhookView = z.object({
  id: Id,
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  consecutiveFailures: z.int(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookView = z.infer<typeof WebhookView>;
/** The signing secret is shown this once. */
export const WebhookCreated = WebhookView.extend({ secret: z.string() });
export const WebhookList = z.object({ items: z.array(WebhookView) });
export const WebhookParams = z.strictObject({ webhookId: Id });
export const DeliveryParams = z.strictObject({ deliveryId: Id });

export const WebhookAttemptView = z.object({
  at: z.string(),
  statusCode: z.int().nullable(),
  responseSnippet: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.int(),
});
export const WebhookDeliveryView = z.object({
  id: Id,
  endpointId: Id,
  eventId: Id,
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.array(WebhookAttemptView),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;
export const WebhookDeliveryList = z.object({ items: z.array(WebhookDeliveryView) });
export const WebhookDeliveryQuery = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Booking-derived KPIs for a period (hall figures arrive with the hall). */
export const KpiQuery = z
  .strictObject({ from: LocalDate, to: LocalDate, centreId: Id.optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'At most 366 days',
    path: ['to'],
  });
export type KpiQuery = z.infer<typeof KpiQuery>;

export const KpiRow = z.object({
  centreId: Id,
  centreCode: z.string(),
  /** Bookings whose appointment falls in the period, whatever their status now. */
  booked: z.int(),
  cancelled: z.int(),
  /** Not cancelled and already begun. */
  due: z.int(),
  checkedIn: z.int(),
  noShows: z.int(),
  /** DESIGN.md: bookings due that never checked in ÷ bookings due; null when none were due. */
  noShowRate: z.number().nullable(),
});
export type KpiRow = z.infer<typeof KpiRow>;
export const KpiReport = z.object({ from: LocalDate, to: LocalDate, items: z.array(KpiRow) });
export type KpiReport = z.infer<typeof KpiReport>;
