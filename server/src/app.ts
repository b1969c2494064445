import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
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
import { createCalendarAdmin } from './features/admin-catalogue/calendar';
import { calendarRoutes } from './features/admin-catalogue/calendar-routes';
import { createCentreAdmin } from './features/admin-catalogue/centres';
import { createCounterAdmin } from './features/admin-catalogue/counters';
import { createOfferingAdmin } from './features/admin-catalogue/offerings';
import { centreRoutes } from './features/admin-catalogue/routes';
import { auditRoutes } from './features/audit/routes';
import { createAudit } from './features/audit/service';
import { authRoutes } from './features/auth/routes';
import { createAuthService, isCsrfTokenValid } from './features/auth/service';
import { createBookingNotices, SEND_REMINDER } from './features/bookings/notices';
import { bookingRoutes } from './features/bookings/routes';
import { createBookingService } from './features/bookings/service';
import { captchaRoutes } from './features/captcha/routes';
import { type CaptchaDifficulty, createCaptcha } from './features/captcha/service';
import { catalogueRoutes } from './features/catalogue/routes';
import { createCatalogueService } from './features/catalogue/service';
import { deviceAdminRoutes, deviceRoutes } from './features/devices/routes';
import { createDeviceService } from './features/devices/service';
import { healthRoutes } from './features/health/routes';
import { settingsRoutes } from './features/health/settings-routes';
import { createIdempotency } from './features/idempotency/service';
import { createJobs, type Jobs } from './features/jobs/service';
import { adminMessageRoutes, devInboxRoutes } from './features/messages/routes';
import { createMessages, DELIVER_MESSAGE } from './features/messages/service';
import { createTransports, type Transports } from './features/messages/transport';
import { createScheduleGuard } from './features/schedule-guard/service';
import { staffRoutes } from './features/staff/routes';
import { createStaffAdmin } from './features/staff/service';
import { verificationRoutes } from './features/verifications/routes';
import { createVerifications } from './features/verifications/service';
import { requireStaff } from './lib/actor';
import type { Clock } from './lib/clock';
import { loggerOptions } from './lib/logger';
import { createMetrics } from './lib/metrics';
import { createPersonalData, deriveSecret } from './lib/personal-data';
import { authPlugin } from './plugins/auth';
import { errorsPlugin } from './plugins/errors';
import { metricsPlugin } from './plugins/metrics';
import { webPlugin } from './plugins/web';

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbox and its worker: main.ts starts the loop, tests call runDueJobs(). */
    jobs: Jobs;
  }
}

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
  /** Overrides the configured transports (tests that count deliveries). */
  transports?: Transports;
  /** Jitter of retry delays; tests pass a fixed one. */
  random?: () => number;
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
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'mawaeed_session',
            description:
              'A staff session from POST /api/v1/auth/sign-in. State-changing requests also need the X-CSRF-Token header from GET /api/v1/auth/session.',
          },
          deviceToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A kiosk or hall board token, registered under /api/v1/admin/centres/{centreId}/devices',
          },
        },
      },
      tags: [
        { name: 'catalogue', description: 'Centres, services and availability' },
        { name: 'bookings', description: 'Booking a slot and managing it with its manage token' },
        { name: 'staff', description: 'Staff sign-in and sessions' },
        {
          name: 'admin',
          description: 'Centres, services, hours, closures, counters, staff, devices and the audit log',
        },
        { name: 'devices', description: 'What kiosks and hall boards reach with their device token' },
        { name: 'service', description: 'Health and readiness' },
        { name: 'admin', description: 'Staff tools (messages)' },
        { name: 'dev', description: 'Developer tools, only with the dev message transport' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const metrics = createMetrics();
  await app.register(metricsPlugin, { registry: metrics.registry });

  const audit = createAudit({ db: database.db, clock });
  const auth = createAuthService({
    db: database.db,
    clock,
    policy: { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
    throttleAddresses: config.rateLimit,
  });
  const devices = createDeviceService({ db: database.db, clock, audit });
  await app.register(cookie);
  await app.register(authPlugin, {
    session: auth.resolveSession,
    device: devices.resolveDevice,
    isCsrfTokenValid,
  });

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
  const jobs = createJobs({
    db: database.db,
    clock,
    policy: config.jobs,
    log: app.log.child({ component: 'jobs' }),
    ...(deps.random ? { random: deps.random } : {}),
    onFinished: (kind, result) => metrics.jobs.inc({ kind, result }),
  });
  app.decorate('jobs', jobs);
  app.addHook('onClose', () => jobs.stop());
  const personalData = createPersonalData(deps.dataKey);
  const transports = deps.transports ?? createTransports(config, { db: database.db, clock });
  app.addHook('onClose', async () => {
    await transports.sms.close?.();
    await transports.email?.close?.();
  });
  const messages = createMessages({
    db: database.db,
    clock,
    jobs,
    personalData,
    transports,
    publicUrl: config.publicUrl,
  });
  const notices = createBookingNotices({
    db: database.db,
    clock,
    jobs,
    messages,
    catalogue,
    publicUrl: config.publicUrl,
    remindersBefore: config.remindersBefore,
  });
  const verifications = createVerifications({
    db: database.db,
    clock,
    personalData,
    messages,
    // Late-bound: bookings are built next and need the verifications themselves.
    findBookingContact: (reference) => bookings.findContact(reference),
    dailyCap: config.otpDailyCap,
  });
  const bookings = createBookingService({
    db: database.db,
    clock,
    catalogue,
    idempotency,
    personalData,
    metrics,
    publicUrl: config.publicUrl,
    captcha: config.captcha ? captcha : null,
    notices,
    verifications: config.otp ? verifications : null,
  });

  // Every kind of background job, in one place.
  jobs.register(DELIVER_MESSAGE, messages.deliveryJob);
  jobs.register(SEND_REMINDER, notices.reminderJob);
  jobs.registerDaily({ name: 'idempotency-purge', run: () => idempotency.purgeExpired() });
  // The customer-file issue fills in the retention policy; the daily slot is already taken.
  jobs.registerDaily({ name: 'retention-purge', run: async () => {} });
  const guard = createScheduleGuard({ clock, bookings, audit });
  const adminDeps = { db: database.db, clock, audit, guard };
  const centreAdmin = createCentreAdmin(adminDeps);
  const offeringAdmin = createOfferingAdmin(adminDeps);
  const calendarAdmin = createCalendarAdmin(adminDeps);
  const counterAdmin = createCounterAdmin(adminDeps);
  const staffAdmin = createStaffAdmin({ db: database.db, clock, audit });

  await app.register(healthRoutes({ ping: () => ping(database) }));
  await app.register(settingsRoutes(config), { prefix: '/api/v1' });
  await app.register(catalogueRoutes(catalogue), { prefix: '/api/v1' });
  await app.register(verificationRoutes(verifications), { prefix: '/api/v1' });
  await app.register(bookingRoutes(bookings), { prefix: '/api/v1' });
  await app.register(captchaRoutes(captcha), { prefix: '/api/v1' });
  if (config.messages.transport === 'dev')
    await app.register(devInboxRoutes(messages), { prefix: '/api/v1/dev' });
  // Captcha answers past their expiry are of no use to anyone.
  jobs.registerDaily({ name: 'captcha-purge', run: () => captcha.purgeExpired() });
  await app.register(authRoutes(auth, { secureCookies: config.secureCookies }), { prefix: '/api/v1' });
  await app.register(deviceRoutes(devices), { prefix: '/api/v1' });
  await app.register(
    async (admin) => {
      // Staff only, whatever the route; each service then checks the role and the centre.
      admin.addHook('onRequest', async (req) => {
        requireStaff(req.actor);
      });
      await admin.register(centreRoutes(centreAdmin, offeringAdmin));
      await admin.register(calendarRoutes(calendarAdmin, counterAdmin));
      await admin.register(staffRoutes(staffAdmin));
      await admin.register(auditRoutes(audit));
      await admin.register(deviceAdminRoutes(devices));
      await admin.register(adminMessageRoutes(messages));
    },
    { prefix: '/api/v1/admin' },
  );

  if (deps.webRoot) await app.register(webPlugin, { root: deps.webRoot });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
