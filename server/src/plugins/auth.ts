import type { ApiScope } from '@mawaeed/core/contracts/integrations';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Actor, ANONYMOUS, type ApiKeyActor, type DeviceActor, type StaffActor } from '../lib/actor';
import { AppError } from '../lib/app-error';

export const SESSION_COOKIE = 'mawaeed_session';
/** Device tokens carry this prefix, so a booking's manage token never costs a device look-up. */
export const DEVICE_TOKEN_PREFIX = 'mwd_dev_';
/** Partner API keys carry this one. */
export const API_KEY_PREFIX = 'mk_';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The session cookie's value when it opened a live session. */
    sessionToken: string | undefined;
    /** The partner key that made this call, valid or not, for the call's audit row. */
    apiKeyCaller: ApiKeyActor | undefined;
  }
  interface FastifyContextConfig {
    /** False on the one cookie route that needs no CSRF token: signing in. */
    csrf?: boolean;
    /**
     * False on the citizens' public routes: a staff cookie is not read there, so it grants nothing
     * and needs no CSRF token (a signed-in counter tablet opens a visit's feedback form).
     */
    staffSession?: boolean;
    /** The scope a partner API key needs for this route; a route without one refuses keys. */
    apiScope?: ApiScope;
  }
}

export type ApiKeyCheck =
  | { ok: true; actor: ApiKeyActor }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'revoked'; actor: ApiKeyActor }
  | { ok: false; reason: 'rate_limited'; actor: ApiKeyActor; retryAfterSeconds: number };

export type AuthResolvers = {
  session(token: string): Promise<StaffActor | null>;
  device(token: string): Promise<DeviceActor | null>;
  apiKey(token: string): Promise<ApiKeyCheck>;
  /** Called once per request made with a known key, when the answer is ready. */
  recordApiCall(actor: ApiKeyActor, call: { method: string; route: string; status: number }): Promise<void>;
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
  app.decorateRequest('apiKeyCaller', undefined);
  // The OpenAPI document says which scope each route needs: a key is one more way in.
  app.addHook('onRoute', (route) => {
    const scope = route.config?.apiScope;
    if (!scope) return;
    const schema = (route.schema ?? {}) as { security?: Record<string, string[]>[] };
    // A GET's HEAD twin shares the schema object: add the key once.
    if (schema.security?.some((s) => 'apiKey' in s)) return;
    schema.security = [...(schema.security ?? [{}]), { apiKey: [scope] }];
    route.schema = schema;
  });
  app.addHook('onRequest', async (req: FastifyRequest) => {
    req.actor = ANONYMOUS;
    const bearer = bearerToken(req);
    if (bearer?.startsWith(API_KEY_PREFIX)) {
      req.actor = await authenticateKey(req, bearer);
      return;
    }
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
    if (req.routeOptions.config?.staffSession === false) return;
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
  app.addHook('onSend', async (req, reply) => {
    if (!req.apiKeyCaller) return;
    await resolvers.recordApiCall(req.apiKeyCaller, {
      method: req.method,
      route: req.routeOptions.url ?? '(no route)',
      status: reply.statusCode,
    });
  });

  /** A partner key: known, not revoked, within its rate, and holding the route's scope. */
  async function authenticateKey(req: FastifyRequest, bearer: string): Promise<ApiKeyActor> {
    const check = await resolvers.apiKey(bearer);
    if (!check.ok && check.reason === 'unknown') throw new AppError('UNAUTHENTICATED');
    req.apiKeyCaller = check.actor;
    if (!check.ok && check.reason === 'revoked') throw new AppError('UNAUTHENTICATED');
    if (!check.ok) throw new AppError('RATE_LIMITED', { retryAfter: check.retryAfterSeconds });
    const scope = req.routeOptions.config?.apiScope;
    if (!scope) throw new AppError('FORBIDDEN');
    if (!check.actor.scopes.includes(scope)) throw new AppError('SCOPE_REQUIRED', { scope });
    return check.actor;
  }
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
