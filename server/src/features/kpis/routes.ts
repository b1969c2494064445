import { Problem } from '@mawaeed/core/contracts/common';
import { KpiQuery, KpiReport } from '@mawaeed/core/contracts/integrations';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kpis } from './service';

export function kpiRoutes(kpis: Kpis): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/kpis',
      {
        config: { apiScope: 'kpis:read' },
        schema: {
          tags: ['integrations'],
          summary: 'Booking KPIs per centre for a period of local dates (no-show rate and its counts)',
          querystring: KpiQuery,
          security: [{ session: [] }],
          response: { 200: KpiReport, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
        },
      },
      async (req) => kpis.readKpis(req.actor, req.query),
    );
  };
}
