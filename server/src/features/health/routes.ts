import { Problem } from '@mawaeed/core/contracts/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';

const Status = z.object({ status: z.literal('ok') });

/** Liveness and readiness for load balancers and orchestrators. */
export function healthRoutes(deps: { ping: () => Promise<void> }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        schema: { tags: ['service'], summary: 'The process is up', response: { 200: Status } },
        logLevel: 'warn',
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        schema: {
          tags: ['service'],
          summary: 'The database answers',
          response: { 200: Status, 503: Problem },
        },
        logLevel: 'warn',
      },
      async () => {
        try {
          await deps.ping();
        } catch {
          throw new AppError('UNAVAILABLE', { retryAfter: 2 });
        }
        return { status: 'ok' as const };
      },
    );
  };
}
