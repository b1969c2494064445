import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/client';
import { ping } from './db/migrate';
import { bookingRoutes } from './features/bookings/routes';
import { createBookingService } from './features/bookings/service';
import { captchaRoutes } from './features/captcha/routes';
import { type CaptchaDifficulty, createCaptcha } from './features/captcha/service';
import { catalogueRoutes } from './features/catalogue/routes';
import { createCatalogueService } from './features/catalogue/service';
import { healthRoutes } from './features/health/routes';
import { settingsRoutes } from './features/health/settings-routes';
import { createIdempotency } from './features/idempotency/service';
import type { Clock } from './lib/clock';
import { loggerOptions } from './lib/logger';
import { createMetrics } from './lib/metrics';
import { createPersonalData, deriveSecret } from './lib/personal-data';
import { errorsPlugin } from './plugins/errors';
import { metricsPlugin } from './plugins/metrics';
import { webPlugin } from './plugins/web';

export type AppDeps = {
  config: Config;
  database: Database;
  clock: Clock;
  /** The key that seals CPRs (lib/data-key.ts). */
  dataKey: Buffer;
  /** Proof-of-work difficulty; tests make it cheap. */
  captchaDifficulty?: CaptchaDifficulty;
  /** Where the built web app lives; absent in API-only tests. */
  webRoot?: string;
  /** Where log lines go (stdout when absent); tests capture them to prove what is never logged. */
  logStream?: { write(line: string): void };
};

export async function buildApp(deps: AppDeps) {
  const { config, database, clock } = deps;
  const app = Fastify({
    logger: { ...loggerOptions(config.logLevel), ...(deps.logStream ? { stream: deps.logStream } : {}) },
    genReqId: () => randomUUID(),
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 200 },
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only: any other body is refused with 415 before a handler runs.
  app.removeContentTypeParser('text/plain');

  await app.register(errorsPlugin);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mawaeed API',
        version: '1.0.0',
        description:
          'Appointments and waiting halls of the service centres. Errors are RFC 9457 problem JSON with a stable `code`.',
      },
      components: {
        securitySchemes: {
          manageToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The manageToken returned when the booking was made, or by …/access',
          },
        },
      },
      tags: [
        { name: 'catalogue', description: 'Centres, services and availability' },
        { name: 'bookings', description: 'Booking a slot and managing it with its manage token' },
        { name: 'service', description: 'Health and readiness' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const metrics = createMetrics();
  await app.register(metricsPlugin, { registry: metrics.registry });

  const catalogue = createCatalogueService({ db: database.db, clock });
  const idempotency = createIdempotency({ db: database.db, clock });
  const captcha = createCaptcha({
    db: database.db,
    clock,
    secrets: {
      signature: deriveSecret(deps.dataKey, 'captcha/signature'),
      key: deriveSecret(deps.dataKey, 'captcha/key'),
    },
    ...(deps.captchaDifficulty ? { difficulty: deps.captchaDifficulty } : {}),
  });
  const bookings = createBookingService({
    db: database.db,
    clock,
    catalogue,
    idempotency,
    personalData: createPersonalData(deps.dataKey),
    metrics,
    publicUrl: config.publicUrl,
    captcha: config.captcha ? captcha : null,
  });

  await app.register(healthRoutes({ ping: () => ping(database) }));
  await app.register(settingsRoutes(config), { prefix: '/api/v1' });
  await app.register(catalogueRoutes(catalogue), { prefix: '/api/v1' });
  await app.register(bookingRoutes(bookings), { prefix: '/api/v1' });
  await app.register(captchaRoutes(captcha), { prefix: '/api/v1' });

  if (deps.webRoot) await app.register(webPlugin, { root: deps.webRoot });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
