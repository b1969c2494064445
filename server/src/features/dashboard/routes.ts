import { Problem } from '@mawaeed/core/contracts/common';
import {
  DashboardKpis,
  KpiPeriodQuery,
  KpiTargets,
  KpiTargetsUpdate,
  LiveHall,
  LiveQuery,
  PublicTransparency,
} from '@mawaeed/core/contracts/dashboard';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Dashboard } from './service';

const refusals = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** Managers (their centres) and administrators (all): the hall now, a period's KPIs, the targets. */
export function dashboardRoutes(dashboard: Dashboard): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/live',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'The hall now: waiting per service, longest wait, counters open, calls in the last hour',
          querystring: LiveQuery,
          response: { 200: LiveHall, ...refusals },
        },
      },
      async (req) => dashboard.live(req.actor, req.query.centreId),
    );
    app.get(
      '/kpis',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Every KPI of a period of local dates, with the scorecard against the targets',
          querystring: KpiPeriodQuery,
          response: { 200: DashboardKpis, ...refusals },
        },
      },
      async (req) => dashboard.readKpis(req.actor, req.query),
    );
    app.get(
      '/targets',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'The target of each KPI',
          response: { 200: KpiTargets, ...refusals },
        },
      },
      async (req) => dashboard.readTargets(req.actor),
    );
    app.put(
      '/targets',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Set KPI targets (administrators)',
          body: KpiTargetsUpdate,
          response: { 200: KpiTargets, ...refusals },
        },
      },
      async (req) => dashboard.setTargets(req.actor, req.body.targets),
    );
  };
}

/** The public transparency figures: no login, no person. */
export function transparencyRoutes(dashboard: Dashboard): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/transparency',
      {
        schema: {
          tags: ['catalogue'],
          summary: "Per centre, last month's appointment compliance, median wait and satisfaction",
          response: { 200: PublicTransparency },
        },
      },
      async () => dashboard.transparency(),
    );
  };
}
