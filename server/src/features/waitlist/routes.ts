import { BookingCreated } from '@mawaeed/core/contracts/bookings';
import { IdempotencyHeaders, Problem } from '@mawaeed/core/contracts/common';
import {
  WaitlistAdminQuery,
  WaitlistEntry,
  WaitlistJoin,
  WaitlistJoined,
  WaitlistOffer,
  WaitlistOfferHistory,
  WaitlistSummary,
} from '@mawaeed/core/contracts/waitlist';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestLanguage } from '../../lib/language';
import type { Outcome } from '../idempotency/service';
import type { WaitlistAdmin } from './admin';
import type { Waitlist, WaitlistContext } from './service';

const TokenHeaders = IdempotencyHeaders.extend({ authorization: z.string().max(512).optional() });
const tokenSecurity = [{ manageToken: [] }];
/** These writes take no fields; an empty JSON object is accepted too. */
const NoBody = z.strictObject({}).nullish();

function bearer(req: FastifyRequest): string | undefined {
  const value = req.headers.authorization;
  return value?.startsWith('Bearer ') ? value.slice(7).trim() : undefined;
}

function contextOf(req: FastifyRequest): WaitlistContext {
  return {
    language: requestLanguage(req.headers['accept-language']),
    idempotencyKey: req.headers['idempotency-key'] as string | undefined,
  };
}

function sendOutcome(reply: FastifyReply, outcome: Outcome<unknown>) {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  if (outcome.status >= 400) reply.type('application/problem+json');
  return reply.code(outcome.status).send(outcome.body);
}

/**
 * The public waitlist. The entry and the offer are opened by the token in their message's link
 * (sent as a bearer token, never in a URL the server sees): a missing or wrong one is 404.
 */
export function waitlistRoutes(waitlist: Waitlist): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/waitlist',
      {
        config: { staffSession: false },
        schema: {
          tags: ['waitlist'],
          summary:
            'Join the waitlist of a service (verified mobile; one active entry per person and service)',
          headers: IdempotencyHeaders,
          body: WaitlistJoin,
          response: { 201: WaitlistJoined, 400: Problem, 401: Problem, 404: Problem, 409: Problem },
        },
      },
      async (req, reply) => sendOutcome(reply, await waitlist.join(req.body, contextOf(req))),
    );
    app.get(
      '/waitlist/entry',
      {
        schema: {
          tags: ['waitlist'],
          summary: 'The waitlist entry its token opens, with its place in line and any standing offer',
          headers: TokenHeaders,
          security: tokenSecurity,
          response: { 200: WaitlistEntry, 404: Problem },
        },
      },
      async (req) => waitlist.getEntry(bearer(req)),
    );
    app.post(
      '/waitlist/entry/leave',
      {
        config: { staffSession: false },
        schema: {
          tags: ['waitlist'],
          summary: 'Leave the waitlist (harmless to repeat); a standing offer passes to the next in line',
          headers: TokenHeaders,
          body: NoBody,
          security: tokenSecurity,
          response: { 200: WaitlistEntry, 404: Problem },
        },
      },
      async (req) => waitlist.leave(bearer(req)),
    );
    app.get(
      '/waitlist/offer',
      {
        schema: {
          tags: ['waitlist'],
          summary: 'The offer its token opens: the slot, its status and the seconds left',
          headers: TokenHeaders,
          security: tokenSecurity,
          response: { 200: WaitlistOffer, 404: Problem },
        },
      },
      async (req) => waitlist.getOffer(bearer(req)),
    );
    app.post(
      '/waitlist/offer/accept',
      {
        config: { staffSession: false },
        schema: {
          tags: ['waitlist'],
          summary: 'Accept the offer: books the held seat exactly like POST /bookings',
          headers: TokenHeaders,
          body: NoBody,
          security: tokenSecurity,
          response: { 201: BookingCreated, 404: Problem, 409: Problem, 422: Problem },
        },
      },
      async (req, reply) => sendOutcome(reply, await waitlist.accept(bearer(req), contextOf(req))),
    );
    app.post(
      '/waitlist/offer/decline',
      {
        config: { staffSession: false },
        schema: {
          tags: ['waitlist'],
          summary: 'Decline the offer (harmless to repeat): the seat goes to the next in line',
          headers: TokenHeaders,
          body: NoBody,
          security: tokenSecurity,
          response: { 200: WaitlistOffer, 404: Problem, 409: Problem },
        },
      },
      async (req) => waitlist.decline(bearer(req)),
    );
  };
}

/** Staff: the waitlist's length per service and the offers made. */
export function waitlistAdminRoutes(admin: WaitlistAdmin): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/waitlist',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Per service: entries waiting and offered, seats refilled from the waitlist and the median minutes to refill',
          querystring: WaitlistAdminQuery.pick({ serviceId: true }),
          response: { 200: WaitlistSummary, 400: Problem, 401: Problem, 403: Problem },
        },
      },
      async (req) => admin.summary(req.actor, req.query),
    );
    app.get(
      '/waitlist/offers',
      {
        schema: {
          tags: ['admin'],
          summary: 'Offers made to waitlist entries, newest first',
          querystring: WaitlistAdminQuery,
          response: { 200: WaitlistOfferHistory, 400: Problem, 401: Problem, 403: Problem },
        },
      },
      async (req) => admin.offers(req.actor, req.query),
    );
  };
}
