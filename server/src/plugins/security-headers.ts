import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers on every answer (@fastify/helmet). The app's own pages run no inline script:
 * Vite emits module files, so `script-src 'self'` holds; Mantine writes its CSS variables into
 * <style> elements, hence `'unsafe-inline'` for styles only. `'wasm-unsafe-eval'` lets the
 * kiosk's self-hosted barcode reader compile WebAssembly (it allows no JavaScript eval). Nothing
 * may frame us. On https (MAWAEED_PUBLIC_URL) browsers are told to stay on https (HSTS) and to
 * upgrade stray http requests; on plain http (a newcomer's localhost) neither, or the app breaks.
 * /docs (Swagger UI 5) loads only its own files, so it lives under the same policy.
 */
export const securityHeaders = fp(async (app: FastifyInstance, options: { https: boolean }) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // Partners' and the kiosk's fetches are same-origin; nothing is embedded cross-origin.
    crossOriginEmbedderPolicy: false,
  });
});
