import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RateLimiter, RateRule } from '../features/rate-limits/service';
import { AppError } from '../lib/app-error';

export type PersonLimit = {
  rule: 'booking' | 'access';
  subject: (req: FastifyRequest) => string | undefined;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A per-person limit on this route, counted after the body is checked. */
    personLimit?: PersonLimit;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Per-address limits on every API request of the public (anonymous callers and citizens with a
 * manage token: staff sign in and are throttled there, devices and partner keys are accounted
 * for by their own token), and per-person limits on the routes that name a person. Counted in
 * the database so they hold across instances; the address is `req.ip`, which believes
 * X-Forwarded-For only from the proxies MAWAEED_TRUST_PROXY names.
 */
export const rateLimitsPlugin = fp(
  async (
    app: FastifyInstance,
    options: {
      limiter: RateLimiter;
      limits: { readsPerMinute: number; writesPerMinute: number; bookingsPerPersonHour: number };
    },
  ) => {
    const { limiter, limits } = options;
    const rules = {
      reads: { name: 'address-reads', limit: limits.readsPerMinute, windowSeconds: 60 },
      writes: { name: 'address-writes', limit: limits.writesPerMinute, windowSeconds: 60 },
      booking: { name: 'person-bookings', limit: limits.bookingsPerPersonHour, windowSeconds: 3600 },
      // Reference + CPR opens a booking: ten guesses an hour per reference, whatever the address.
      access: { name: 'reference-access', limit: 10, windowSeconds: 3600 },
    } satisfies Record<string, RateRule>;

    const enforce = async (rule: RateRule, subject: string) => {
      const verdict = await limiter.hit(rule, subject);
      if (!verdict.ok) throw new AppError('RATE_LIMITED', { retryAfter: verdict.retryAfterSeconds });
    };

    app.addHook('onRequest', async (req) => {
      if (!req.url.startsWith('/api/')) return;
      if (req.actor.kind !== 'anonymous' && req.actor.kind !== 'citizen') return;
      await enforce(READS.has(req.method) ? rules.reads : rules.writes, req.ip);
    });
    app.addHook('preHandler', async (req) => {
      const personal = req.routeOptions.config?.personLimit;
      const subject = personal?.subject(req);
      if (personal && subject) await enforce(rules[personal.rule], subject);
    });
  },
);
