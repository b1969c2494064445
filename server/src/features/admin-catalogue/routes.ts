import {
  AdminCentre,
  AdminCentreList,
  AdminOffering,
  AdminOfferingList,
  AdminService,
  AdminServiceList,
  CentreCreate,
  CentreUpdate,
  GroupWeeklyHours,
  OfferingInput,
  OfferingParams,
  ServiceCreate,
  ServiceParams,
  ServiceUpdate,
} from '@mawaeed/core/contracts/admin';
import { CentreParams } from '@mawaeed/core/contracts/catalogue';
import { Problem } from '@mawaeed/core/contracts/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CentreAdmin } from './centres';
import type { OfferingAdmin } from './offerings';

export const security = [{ session: [] }];
export const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['admin'];

export function centreRoutes(centres: CentreAdmin, offerings: OfferingAdmin): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/centres',
      {
        schema: {
          tags,
          summary: 'Centres the caller runs',
          security,
          response: { 200: AdminCentreList, ...problems },
        },
      },
      async (req) => centres.listCentres(req.actor),
    );
    app.post(
      '/centres',
      {
        schema: {
          tags,
          summary: 'Add a centre, or copy one (hours, special periods, offerings, counters)',
          body: CentreCreate,
          security,
          response: { 201: AdminCentre, ...problems },
        },
      },
      async (req, reply) => reply.code(201).send(await centres.createCentre(req.actor, req.body)),
    );
    app.get(
      '/centres/:centreId',
      {
        schema: {
          tags,
          summary: 'One centre',
          params: CentreParams,
          security,
          response: { 200: AdminCentre, ...problems },
        },
      },
      async (req) => centres.getCentre(req.actor, req.params.centreId),
    );
    app.patch(
      '/centres/:centreId',
      {
        schema: {
          tags,
          summary: 'Change a centre; hours that strand bookings need `onAffected`',
          params: CentreParams,
          body: CentreUpdate,
          security,
          response: { 200: AdminCentre, ...problems },
        },
      },
      async (req) => centres.updateCentre(req.actor, req.params.centreId, req.body),
    );
    app.post(
      '/weekly-hours',
      {
        schema: {
          tags,
          summary: 'Apply the same weekly hours to a group of centres at once',
          body: GroupWeeklyHours,
          security,
          response: { 200: AdminCentreList, ...problems },
        },
      },
      async (req) => centres.applyWeeklyHours(req.actor, req.body),
    );

    app.get(
      '/services',
      {
        schema: {
          tags,
          summary: 'Every service',
          security,
          response: { 200: AdminServiceList, ...problems },
        },
      },
      async (req) => offerings.listServices(req.actor),
    );
    app.post(
      '/services',
      {
        schema: {
          tags,
          summary: 'Add a service',
          body: ServiceCreate,
          security,
          response: { 201: AdminService, ...problems },
        },
      },
      async (req, reply) => reply.code(201).send(await offerings.createService(req.actor, req.body)),
    );
    app.patch(
      '/services/:serviceId',
      {
        schema: {
          tags,
          summary: 'Change or withdraw a service',
          params: ServiceParams,
          body: ServiceUpdate,
          security,
          response: { 200: AdminService, ...problems },
        },
      },
      async (req) => offerings.updateService(req.actor, req.params.serviceId, req.body),
    );
    app.get(
      '/centres/:centreId/offerings',
      {
        schema: {
          tags,
          summary: 'What a centre offers',
          params: CentreParams,
          security,
          response: { 200: AdminOfferingList, ...problems },
        },
      },
      async (req) => offerings.listOfferings(req.actor, req.params.centreId),
    );
    app.put(
      '/centres/:centreId/offerings/:serviceId',
      {
        schema: {
          tags,
          summary: 'Offer a service at a centre, or change its slots and capacity (cuts need `onAffected`)',
          params: OfferingParams,
          body: OfferingInput,
          security,
          response: { 200: AdminOffering, ...problems },
        },
      },
      async (req) => offerings.putOffering(req.actor, req.params.centreId, req.params.serviceId, req.body),
    );
  };
}
