import { CentreParams } from '@mawaeed/core/contracts/catalogue';
import { Problem } from '@mawaeed/core/contracts/common';
import {
  DeviceCentre,
  DeviceCreate,
  DeviceCreated,
  DeviceList,
  DeviceParams,
  DeviceView,
} from '@mawaeed/core/contracts/staff';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DeviceService } from './service';

const session = [{ session: [] }];
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** Registering and revoking devices: under /api/v1/admin. */
export function deviceAdminRoutes(devices: DeviceService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/centres/:centreId/devices',
      {
        schema: {
          tags: ['admin'],
          summary: 'Kiosks and boards of a centre',
          params: CentreParams,
          security: session,
          response: { 200: DeviceList, ...problems },
        },
      },
      async (req) => devices.listDevices(req.actor, req.params.centreId),
    );
    app.post(
      '/centres/:centreId/devices',
      {
        schema: {
          tags: ['admin'],
          summary: 'Register a kiosk or board; its token is shown this once',
          params: CentreParams,
          body: DeviceCreate,
          security: session,
          response: { 201: DeviceCreated, ...problems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await devices.registerDevice(req.actor, req.params.centreId, req.body)),
    );
    app.post(
      '/devices/:deviceId/revoke',
      {
        schema: {
          tags: ['admin'],
          summary: 'Revoke a device token at once',
          params: DeviceParams,
          security: session,
          response: { 200: DeviceView, ...problems },
        },
      },
      async (req) => devices.revokeDevice(req.actor, req.params.deviceId),
    );
  };
}

/** What a device itself reaches, with its bearer token: under /api/v1/device. */
export function deviceRoutes(devices: DeviceService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/device/centre',
      {
        schema: {
          tags: ['devices'],
          summary: 'The device and the centre it belongs to',
          security: [{ deviceToken: [] }],
          response: { 200: DeviceCentre, 401: Problem, 403: Problem },
        },
      },
      async (req) => devices.deviceCentre(req.actor),
    );
  };
}
