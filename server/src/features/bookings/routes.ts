import { parseReference } from '@mawaeed/core/booking/reference';
import {
  Booking,
  BookingAccess,
  BookingCancel,
  BookingCreate,
  BookingCreated,
  BookingReschedule,
  ManageToken,
  ReferenceParams,
} from '@mawaeed/core/contracts/bookings';
import { IdempotencyHeaders, Problem } from '@mawaeed/core/contracts/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestLanguage } from '../../lib/language';
import type { Outcome } from '../idempotency/service';
import type { BookingService, RequestContext } from './service';

const ManageHeaders = IdempotencyHeaders.extend({ authorization: z.string().max(512).optional() });

function bearer(req: FastifyRequest): string | undefined {
  const value = req.headers.authorization;
  return value?.startsWith('Bearer ') ? value.slice(7).trim() : undefined;
}

function contextOf(req: FastifyRequest): RequestContext {
  const partner = req.actor.kind === 'api_key' ? req.actor : undefined;
  return {
    language: requestLanguage(req.headers['accept-language']),
    idempotencyKey: req.headers['idempotency-key'] as string | undefined,
    actor: partner ? `partner:${partner.name}` : 'citizen',
    channel: partner ? 'partner' : 'online',
    ...(partner ? { partnerKeyId: partner.id } : {}),
  };
}

/** Sends a write's outcome; a replayed answer says so and keeps its original status and body. */
function sendOutcome(reply: FastifyReply, outcome: Outcome<unknown>) {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  if (outcome.status >= 400) reply.type('application/problem+json');
  return reply.code(outcome.status).send(outcome.body);
}

const problems = { 400: Problem, 404: Problem, 409: Problem, 422: Problem };
const manageSecurity = [{ manageToken: [] }];

export function bookingRoutes(bookings: BookingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/bookings',
      {
        // A partner key books on behalf of a person, without the one-time code and the captcha.
        config: {
          staffSession: false,
          apiScope: 'bookings:create',
          personLimit: { rule: 'booking', subject: (req) => (req.body as BookingCreate).customer.cpr },
        },
        schema: {
          tags: ['bookings'],
          summary:
            'Book a slot (with a bookings:create API key: on behalf of a person, without verification and captcha)',
          headers: IdempotencyHeaders,
          body: BookingCreate,
          response: { 201: BookingCreated, ...problems, 401: Problem },
        },
      },
      async (req, reply) => sendOutcome(reply, await bookings.bookSlot(req.body, contextOf(req))),
    );

    app.get(
      '/bookings/:reference',
      {
        schema: {
          tags: ['bookings'],
          summary: 'A booking, opened with its manage token',
          params: ReferenceParams,
          headers: ManageHeaders,
          security: manageSecurity,
          response: { 200: Booking, 404: Problem },
        },
      },
      async (req) => bookings.getBooking(req.params.reference, bearer(req)),
    );

    app.get(
      '/bookings/:reference/calendar.ics',
      {
        schema: {
          tags: ['bookings'],
          summary: 'The booking as a calendar file',
          params: ReferenceParams,
          headers: ManageHeaders,
          security: manageSecurity,
          response: { 200: z.string(), 404: Problem },
        },
      },
      async (req, reply) =>
        reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', 'attachment; filename="mawaeed-booking.ics"')
          .send(await bookings.calendarFile(req.params.reference, bearer(req))),
    );

    app.post(
      '/bookings/:reference/cancel',
      {
        config: { staffSession: false },
        schema: {
          tags: ['bookings'],
          summary: 'Cancel a booking (harmless to repeat)',
          params: ReferenceParams,
          headers: ManageHeaders,
          body: BookingCancel.nullish(),
          security: manageSecurity,
          response: { 200: Booking, ...problems },
        },
      },
      async (req, reply) =>
        sendOutcome(
          reply,
          await bookings.cancelBooking(req.params.reference, bearer(req), req.body ?? {}, contextOf(req)),
        ),
    );

    app.post(
      '/bookings/:reference/reschedule',
      {
        config: { staffSession: false },
        schema: {
          tags: ['bookings'],
          summary: 'Move a booking to another slot of the same service and centre, keeping its reference',
          params: ReferenceParams,
          headers: ManageHeaders,
          body: BookingReschedule,
          security: manageSecurity,
          response: { 200: Booking, ...problems },
        },
      },
      async (req, reply) =>
        sendOutcome(
          reply,
          await bookings.rescheduleBooking(req.params.reference, bearer(req), req.body, contextOf(req)),
        ),
    );

    app.post(
      '/bookings/:reference/access',
      {
        config: {
          staffSession: false,
          personLimit: {
            rule: 'access',
            subject: (req) => parseReference((req.params as { reference: string }).reference) ?? undefined,
          },
        },
        schema: {
          tags: ['bookings'],
          summary: 'A manage token from the reference and the CPR it was booked with',
          params: ReferenceParams,
          body: BookingAccess,
          response: { 200: ManageToken, 400: Problem, 401: Problem, 404: Problem },
        },
      },
      async (req) => bookings.grantAccess(req.params.reference, req.body),
    );
  };
}
