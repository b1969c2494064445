import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Serves the built web app and answers any other page address with index.html, so the client
 * router can take it. API and service paths never fall through to the page.
 */
export const webPlugin = fp(async (app: FastifyInstance, opts: { root: string }) => {
  if (!existsSync(opts.root)) {
    app.log.warn({ root: opts.root }, 'web app not built: only the API is served');
    return;
  }
  await app.register(fastifyStatic, {
    root: opts.root,
    wildcard: false,
    index: false,
    setHeaders(reply, path) {
      reply.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (/^\/(api|docs|openapi\.json|metrics|healthz|readyz)(\/|$)/.test(path) || /\.\w+$/.test(path)) {
      return reply.callNotFound();
    }
    return reply.sendFile('index.html');
  });
});
