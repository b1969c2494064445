import { Problem } from '@mawaeed/core/contracts/common';
import { VerificationCreate, VerificationCreated } from '@mawaeed/core/contracts/verifications';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestLanguage } from '../../lib/language';
import type { Verifications } from './service';

export function verificationRoutes(verifications: Verifications): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/verifications',
      {
        config: { staffSession: false },
        schema: {
          tags: ['bookings'],
          summary: 'Send a 6-digit code by SMS, to a mobile or to the mobile of a booking by its reference',
          body: VerificationCreate,
          response: { 201: VerificationCreated, 400: Problem, 429: Problem },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await verifications.requestCode(req.body, requestLanguage(req.headers['accept-language']))),
    );
  };
}
