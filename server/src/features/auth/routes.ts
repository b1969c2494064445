import { Problem } from '@mawaeed/core/contracts/common';
import { SessionView, SignIn } from '@mawaeed/core/contracts/staff';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../lib/actor';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../../plugins/auth';
import type { AuthService } from './service';

const sessionSecurity = [{ session: [] }];

export function authRoutes(auth: AuthService, options: { secureCookies: boolean }): FastifyPluginAsyncZod {
  const secure = options.secureCookies;
  return async (app) => {
    app.post(
      '/auth/sign-in',
      {
        config: { csrf: false },
        schema: {
          tags: ['staff'],
          summary: 'Sign a staff member in: sets the session cookie and returns the CSRF token',
          body: SignIn,
          response: { 200: SessionView, 400: Problem, 401: Problem, 429: Problem },
        },
      },
      async (req, reply) => {
        const { token, view } = await auth.signIn(req.body, {
          address: req.ip,
          presentedToken: req.cookies[SESSION_COOKIE],
        });
        setSessionCookie(reply, token, { secure, expiresAt: new Date(view.expiresAt) });
        return view;
      },
    );

    app.get(
      '/auth/session',
      {
        schema: {
          tags: ['staff'],
          summary: 'Who is signed in, and the CSRF token to send in X-CSRF-Token',
          security: sessionSecurity,
          response: { 200: SessionView, 401: Problem },
        },
      },
      async (req) => auth.describeSession(requireStaff(req.actor), req.sessionToken ?? ''),
    );

    app.post(
      '/auth/sign-out',
      {
        schema: {
          tags: ['staff'],
          summary: 'End the session on the server and clear the cookie',
          security: sessionSecurity,
          response: { 204: z.null(), 401: Problem, 403: Problem },
        },
      },
      async (req, reply) => {
        requireStaff(req.actor);
        await auth.signOut(req.sessionToken);
        clearSessionCookie(reply, { secure });
        return reply.code(204).send(null);
      },
    );
  };
}
