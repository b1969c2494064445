import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Actor, ANONYMOUS, type DeviceActor, type StaffActor } from '../lib/actor';
import { AppError } from '../lib/app-error';

export const SESSION_COOKIE = 'mawaeed_session';
/** Device tokens carry this prefix, so a booking's manage token never costs a device look-up. */
export const DEVICE_TOKEN_PREFIX = 'mwd_dev_';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The session cookie's value when it opened a live session. */
    sessionToken: string | undefined;
  }
  interface FastifyContextConfig {
    /** False on the one cookie route that needs no CSRF token: signing in. */
    csrf?: boolean;
  }
}

export type AuthResolvers = {
  session(token: string): Promise<StaffActor | null>;
  device(token: string): Promise<DeviceActor | null>;
  isCsrfTokenValid(sessionToken: string, presented: string | undefined): boolean;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bearerToken(req: FastifyRequest): string | undefined {
  const value = req.headers.authorization;
  return value?.startsWith('Bearer ') ? value.slice(7).trim() || undefined : undefined;
}

/**
 * Sets `req.actor` on every request: a device by its bearer token, a citizen by a manage token
 * (checked by the booking it opens), staff by the session cookie, else anonymous. Every
 * state-changing request made with the cookie must carry the session's CSRF token.
 */
export const authPlugin = fp(async (app: FastifyInstance, resolvers: AuthResolvers) => {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    req.actor = ANONYMOUS;
    const bearer = bearerToken(req);
    if (bearer) {
      if (!bearer.startsWith(DEVICE_TOKEN_PREFIX)) {
        req.actor = { kind: 'citizen', manageToken: bearer };
        return;
      }
      const device = await resolvers.device(bearer);
      if (!device) throw new AppError('UNAUTHENTICATED');
      req.actor = device;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    const staff = await resolvers.session(token);
    if (!staff) return;
    if (!SAFE_METHODS.has(req.method) && req.routeOptions.config?.csrf !== false) {
      const presented = req.headers['x-csrf-token'];
      if (!resolvers.isCsrfTokenValid(token, typeof presented === 'string' ? presented : undefined)) {
        throw new AppError('CSRF_FAILED');
      }
    }
    req.actor = staff;
    req.sessionToken = token;
  });
});

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  options: { secure: boolean; expiresAt: Date },
) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    expires: options.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, options: { secure: boolean }) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' });
}
