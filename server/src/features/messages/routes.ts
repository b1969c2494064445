import { Problem } from '@mawaeed/core/contracts/common';
import {
  DevInbox,
  MessageList,
  MessageListQuery,
  MessageParams,
  MessageRetried,
} from '@mawaeed/core/contracts/messages';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CENTRE_ADMINS, requireStaff } from '../../lib/actor';
import type { Messages } from './service';

/** The staff page's API: messages with their state and reason, and a retry for failed ones. */
export function adminMessageRoutes(messages: Messages): FastifyPluginAsyncZod {
  return async (app) => {
    // Administrators and centre managers follow what was sent; agents and kiosks do not.
    app.addHook('preHandler', async (req) => {
      requireStaff(req.actor, { roles: CENTRE_ADMINS });
    });
    app.get(
      '/messages',
      {
        schema: {
          tags: ['admin'],
          summary:
            "Messages owed to people, newest first: pending, sent, failed (with the reason) or skipped; a centre manager's of their centres only",
          querystring: MessageListQuery,
          response: { 200: MessageList, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
        },
      },
      async (req) => messages.listMessages(req.actor, req.query),
    );
    app.post(
      '/messages/:id/retry',
      {
        schema: {
          tags: ['admin'],
          summary: 'Send a failed message again',
          params: MessageParams,
          response: { 200: MessageRetried, 401: Problem, 404: Problem },
        },
      },
      async (req) => messages.retryMessage(req.actor, req.params.id),
    );
  };
}

/** The developer inbox: what the `dev` transport delivered (registered only with that transport). */
export function devInboxRoutes(messages: Messages): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/inbox',
      {
        schema: {
          tags: ['dev'],
          summary: 'Messages the dev transport delivered, newest first',
          response: { 200: DevInbox },
        },
      },
      async () => messages.listDevInbox(),
    );
  };
}
