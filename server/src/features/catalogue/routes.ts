import {
  Availability,
  AvailabilityQuery,
  CentreDetail,
  CentreList,
  CentreParams,
  ServiceList,
} from '@mawaeed/core/contracts/catalogue';
import { Problem } from '@mawaeed/core/contracts/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendJsonText } from '../../lib/trusted-json';
import type { CatalogueService } from './service';

/** Partner keys read the catalogue and availability with this scope. */
const partner = { apiScope: 'availability:read' } as const;

export function catalogueRoutes(catalogue: CatalogueService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/centres',
      {
        config: partner,
        schema: { tags: ['catalogue'], summary: 'Service centres', response: { 200: CentreList } },
      },
      async () => catalogue.listCentres(),
    );

    app.get(
      '/centres/:centreId',
      {
        config: partner,
        schema: {
          tags: ['catalogue'],
          summary: 'One centre with its coming closures and special periods',
          params: CentreParams,
          response: { 200: CentreDetail, 404: Problem },
        },
      },
      async (req) => catalogue.getCentre(req.params.centreId),
    );

    app.get(
      '/services',
      {
        config: partner,
        schema: {
          tags: ['catalogue'],
          summary: 'Services that can be booked',
          response: { 200: ServiceList },
        },
      },
      async () => catalogue.listServices(),
    );

    app.get(
      '/centres/:centreId/availability',
      {
        config: partner,
        schema: {
          tags: ['catalogue'],
          summary: 'Bookable slots of a service at a centre, every date of an inclusive range (≤ 62 days)',
          params: CentreParams,
          querystring: AvailabilityQuery,
          response: { 200: Availability, 400: Problem, 404: Problem },
        },
      },
      async (req, reply) => {
        // The answer comes as JSON text (the service keeps recent answers as sent); the schema
        // still describes it, and the route's tests parse answers against it.
        const json = await catalogue.availabilityJson(req.params.centreId, req.query);
        return sendJsonText(reply, json);
      },
    );
  };
}
