import { AuditExportQuery, AuditPage, AuditQuery } from '@mawaeed/core/contracts/audit';
import { Problem } from '@mawaeed/core/contracts/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Audit } from './service';

const security = [{ session: [] }];

export function auditRoutes(audit: Audit): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['admin'],
          summary: 'Search the audit log by actor, entity and date (newest first)',
          querystring: AuditQuery,
          security,
          response: { 200: AuditPage, 400: Problem, 401: Problem, 403: Problem },
        },
      },
      async (req) => audit.search(req.actor, req.query),
    );

    app.get(
      '/audit.csv',
      {
        schema: {
          tags: ['admin'],
          summary: 'The audit log as CSV, same filters (at most 10 000 rows)',
          querystring: AuditExportQuery,
          security,
          response: { 200: z.string(), 400: Problem, 401: Problem, 403: Problem },
        },
      },
      async (req, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="mawaeed-audit.csv"')
          .send(await audit.exportCsv(req.actor, { ...req.query, page: 1, pageSize: 200 })),
    );
  };
}
