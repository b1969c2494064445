import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { AppError } from '../lib/app-error';
import { hashSecret } from '../lib/personal-data';

export type StaffGuard = (request: FastifyRequest) => Promise<void>;

/**
 * PLACEHOLDER until staff sign-in lands: the one place staff routes are guarded. It accepts
 * `Authorization: Bearer $MAWAEED_STAFF_TOKEN` and nothing when that is unset. Swap this
 * function for the real session check; the routes only see a preHandler.
 */
export function requireStaff(config: Pick<Config, 'staffToken'>): StaffGuard {
  const expected = config.staffToken ? Buffer.from(hashSecret(config.staffToken)) : null;
  return async (request) => {
    const header = request.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!expected || !given || !timingSafeEqual(Buffer.from(hashSecret(given)), expected)) {
      throw new AppError('UNAUTHENTICATED');
    }
  };
}
