import type { AuditEntry, AuditQuery } from '@mawaeed/core/contracts/audit';
import type { Db, Queryable } from '../../db/client';
import { type Actor, type AuditedActor, auditActor, requireStaff } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import * as repo from './repository';

export type AuditChange = {
  action: string;
  entity: string;
  entityId: string;
  centreId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** The most rows one CSV export holds; narrow the filters for more. */
export const EXPORT_LIMIT = 10_000;

function toEntry(row: Awaited<ReturnType<typeof repo.searchAudit>>['rows'][number]): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorKind: row.actorKind,
    actorId: row.actorId,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    centreId: row.centreId,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}

const CSV_COLUMNS = [
  'id',
  'at',
  'actorKind',
  'actorId',
  'action',
  'entity',
  'entityId',
  'centreId',
  'before',
  'after',
] as const;

/** One CSV cell: quoted, and a leading formula character neutralised for spreadsheets. */
function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The append-only log of staff changes. `record` runs inside the change's own transaction, so a
 * change and its row commit or roll back together.
 */
export function createAudit(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function record(tx: Queryable, actor: AuditedActor, changes: AuditChange | AuditChange[]) {
    const at = clock.now();
    const list = Array.isArray(changes) ? changes : [changes];
    await repo.appendAudit(
      tx,
      list.map((c) => ({
        at,
        ...auditActor(actor),
        action: c.action,
        entity: c.entity,
        entityId: c.entityId,
        centreId: c.centreId ?? null,
        before: c.before ?? null,
        after: c.after ?? null,
      })),
    );
  }

  /** Administrators read every row; a centre manager the rows of their centres. */
  function scopeOf(actor: Actor) {
    const staff = requireStaff(actor, { roles: ['administrator', 'centre_manager'] });
    return staff.role === 'administrator' ? null : staff.centreIds;
  }

  async function search(actor: Actor, query: AuditQuery) {
    const { rows, total } = await repo.searchAudit(db, query, scopeOf(actor));
    return { items: rows.map(toEntry), page: query.page, pageSize: query.pageSize, total };
  }

  async function exportCsv(actor: Actor, query: AuditQuery): Promise<string> {
    const { rows } = await repo.searchAudit(
      db,
      { ...query, page: 1, pageSize: EXPORT_LIMIT },
      scopeOf(actor),
    );
    const lines = rows.map(toEntry).map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(','));
    return `${CSV_COLUMNS.join(',')}\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
  }

  return { record, search, exportCsv };
}
export type Audit = ReturnType<typeof createAudit>;
