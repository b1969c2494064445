import { Problem } from '@mawaeed/core/contracts/common';
import {
  DeliveryParams,
  WebhookCreate,
  WebhookCreated,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
  WebhookDeliveryView,
  WebhookList,
  WebhookParams,
  WebhookUpdate,
  WebhookView,
} from '@mawaeed/core/contracts/integrations';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Webhooks } from './service';

const security = [{ session: [] }];
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['integrations'];

/** Administrators register endpoints and follow their deliveries: under /api/v1/admin. */
export function webhookAdminRoutes(webhooks: Webhooks): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/webhooks',
      {
        schema: {
          tags,
          summary: 'Webhook endpoints, with their state',
          security,
          response: { 200: WebhookList, ...problems },
        },
      },
      async (req) => webhooks.listEndpoints(req.actor),
    );
    app.post(
      '/webhooks',
      {
        schema: {
          tags,
          summary: 'Register an endpoint for event types; its signing secret is shown this once',
          body: WebhookCreate,
          security,
          response: { 201: WebhookCreated, ...problems },
        },
      },
      async (req, reply) => reply.code(201).send(await webhooks.createEndpoint(req.actor, req.body)),
    );
    app.patch(
      '/webhooks/:webhookId',
      {
        schema: {
          tags,
          summary: 'Change an endpoint; `enabled: true` turns a disabled one back on',
          params: WebhookParams,
          body: WebhookUpdate,
          security,
          response: { 200: WebhookView, ...problems },
        },
      },
      async (req) => webhooks.updateEndpoint(req.actor, req.params.webhookId, req.body),
    );
    app.delete(
      '/webhooks/:webhookId',
      {
        schema: {
          tags,
          summary: 'Remove an endpoint and its deliveries',
          params: WebhookParams,
          security,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        await webhooks.deleteEndpoint(req.actor, req.params.webhookId);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/webhooks/:webhookId/deliveries',
      {
        schema: {
          tags,
          summary: 'Deliveries to an endpoint, newest first, each with its attempts and their answers',
          params: WebhookParams,
          querystring: WebhookDeliveryQuery,
          security,
          response: { 200: WebhookDeliveryList, ...problems },
        },
      },
      async (req) => webhooks.listDeliveries(req.actor, req.params.webhookId, req.query),
    );
    app.post(
      '/webhooks/deliveries/:deliveryId/resend',
      {
        schema: {
          tags,
          summary: 'Send a delivery again: same event and body, a fresh signature',
          params: DeliveryParams,
          security,
          response: { 200: WebhookDeliveryView, ...problems },
        },
      },
      async (req) => webhooks.resendDelivery(req.actor, req.params.deliveryId),
    );
  };
}
