import type { AuditQuery } from '@mawaeed/core/contracts/audit';
import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { auditLog } from '../../db/schema-staff';

export type AuditInsert = typeof auditLog.$inferInsert;

export async function appendAudit(tx: Queryable, rows: AuditInsert[]) {
  if (rows.length > 0) await tx.insert(auditLog).values(rows);
}

function nextDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
}

/** `centreIds` limits the rows to those centres (a manager's view); null means every row. */
function whereOf(query: Omit<AuditQuery, 'page' | 'pageSize'>, centreIds: string[] | null): SQL | undefined {
  return and(
    query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.centreId ? eq(auditLog.centreId, query.centreId) : undefined,
    query.from ? gte(auditLog.at, new Date(`${query.from}T00:00:00Z`)) : undefined,
    query.to ? lt(auditLog.at, nextDay(query.to)) : undefined,
    centreIds
      ? inArray(auditLog.centreId, centreIds.length ? centreIds : ['00000000-0000-0000-0000-000000000000'])
      : undefined,
  );
}

export async function searchAudit(db: Queryable, query: AuditQuery, centreIds: string[] | null) {
  const where = whereOf(query, centreIds);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
