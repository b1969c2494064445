import { z } from 'zod';
import { Id, Instant, LocalDate } from './common';

export const AuditFilters = z.strictObject({
  actorId: Id.optional(),
  entity: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  entityId: z.string().max(100).optional(),
  centreId: Id.optional(),
  /** Inclusive UTC dates. */
  from: LocalDate.optional(),
  to: LocalDate.optional(),
});
const rangeInOrder = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || q.from <= q.to;
export const AuditExportQuery = AuditFilters.refine(rangeInOrder, {
  message: '`from` must not be after `to`',
  path: ['to'],
});
export const AuditQuery = AuditFilters.extend({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).refine(rangeInOrder, { message: '`from` must not be after `to`', path: ['to'] });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: Instant,
  actorKind: z.string(),
  actorId: Id.nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  centreId: Id.nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
