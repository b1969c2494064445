import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Captcha } from './service';

const Challenge = z.object({
  parameters: z.object({
    algorithm: z.string(),
    nonce: z.string(),
    salt: z.string(),
    cost: z.number(),
    keyLength: z.number(),
    keyPrefix: z.string(),
    keySignature: z.string().optional(),
    /** Signed with the challenge: `validUntil`, epoch seconds, after which the answer is refused. */
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
  signature: z.string().optional(),
});

export function captchaRoutes(captcha: Captcha): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/captcha',
      {
        schema: {
          tags: ['bookings'],
          summary:
            'A proof-of-work challenge (ALTCHA v2, PBKDF2/SHA-256); the booking carries base64(JSON {challenge, solution}) in `captcha`',
          response: { 200: Challenge },
        },
      },
      async (_req, reply) => reply.header('cache-control', 'no-store').send(await captcha.issueChallenge()),
    );
  };
}
