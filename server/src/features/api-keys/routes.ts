import { Problem } from '@mawaeed/core/contracts/common';
import {
  ApiKeyCreate,
  ApiKeyCreated,
  ApiKeyList,
  ApiKeyParams,
  ApiKeyView,
} from '@mawaeed/core/contracts/integrations';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiKeys } from './service';

const security = [{ session: [] }];
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** Administrators manage partner keys: under /api/v1/admin. */
export function apiKeyAdminRoutes(keys: ApiKeys): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api-keys',
      {
        schema: {
          tags: ['integrations'],
          summary: 'Partner API keys (never the keys themselves)',
          security,
          response: { 200: ApiKeyList, ...problems },
        },
      },
      async (req) => keys.listKeys(req.actor),
    );
    app.post(
      '/api-keys',
      {
        schema: {
          tags: ['integrations'],
          summary: 'Create a partner API key; the key is shown this once',
          body: ApiKeyCreate,
          security,
          response: { 201: ApiKeyCreated, ...problems, 409: Problem },
        },
      },
      async (req, reply) => reply.code(201).send(await keys.createKey(req.actor, req.body)),
    );
    app.post(
      '/api-keys/:keyId/revoke',
      {
        schema: {
          tags: ['integrations'],
          summary: 'Revoke a key: its next call is refused',
          params: ApiKeyParams,
          security,
          response: { 200: ApiKeyView, ...problems },
        },
      },
      async (req) => keys.revokeKey(req.actor, req.params.keyId),
    );
  };
}
