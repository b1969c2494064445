import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';

const PublicSettings = z.object({
  /** A booking needs a one-time code sent to the mobile (POST /api/v1/verifications). */
  otp: z.boolean(),
  /** A booking needs a proof-of-work answer (GET /api/v1/captcha). */
  captcha: z.boolean(),
  /** The country whose identifiers the API accepts (CPR, mobiles). */
  country: z.string(),
});

/** What a client needs to know to build the booking journey this deployment expects. */
export function settingsRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings',
      {
        schema: {
          tags: ['service'],
          summary: 'Switches that shape the public booking journey',
          response: { 200: PublicSettings },
        },
      },
      async () => ({ otp: config.otp, captcha: config.captcha, country: 'BH' }),
    );
  };
}
