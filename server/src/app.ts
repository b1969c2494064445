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
import { apiKeyAdminRoutes } from './features/api-keys/routes';
import { createApiKeys } from './features/api-keys/service';
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
import { createDataSubjectRequests } from './features/customer-files/data-subject';
import { customerFileRoutes, ownConsentRoutes } from './features/customer-files/routes';
import { createCustomerFiles } from './features/customer-files/service';
import { createDashboardRollup, DASHBOARD_ROLLUP, type DashboardRollup } from './features/dashboard/rollup';
import { dashboardRoutes, transparencyRoutes } from './features/dashboard/routes';
import { createDashboard } from './features/dashboard/service';
import { deviceAdminRoutes, deviceRoutes } from './features/devices/routes';
import { createDeviceService } from './features/devices/service';
import { feedbackRoutes, staffFeedbackRoutes } from './features/feedback/routes';
import { createFeedback, type Feedback } from './features/feedback/service';
import { createHallBus } from './features/hall/events';
import { hallRoutes } from './features/hall/routes';
import { createHall, type Hall } from './features/hall/service';
import { endHallStreams } from './features/hall/sse';
import { healthRoutes } from './features/health/routes';
import { settingsRoutes } from './features/health/settings-routes';
import { createIdempotency } from './features/idempotency/service';
import { createJobs, type Jobs } from './features/jobs/service';
import { kpiRoutes } from './features/kpis/routes';
import { createKpis } from './features/kpis/service';
import { adminMessageRoutes, devInboxRoutes } from './features/messages/routes';
import { createMessages, DELIVER_MESSAGE } from './features/messages/service';
import { createTransports, type Transports } from './features/messages/transport';
import { createRateLimiter } from './features/rate-limits/service';
import { createRetention, RETENTION_PURGE, type Retention } from './features/retention/service';
import { createScheduleGuard } from './features/schedule-guard/service';
import { staffRoutes } from './features/staff/routes';
import { createStaffAdmin } from './features/staff/service';
import { verificationRoutes } from './features/verifications/routes';
import { createVerifications } from './features/verifications/service';
import { createWaitlistAdmin } from './features/waitlist/admin';
import { waitlistAdminRoutes, waitlistRoutes } from './features/waitlist/routes';
import { createSeats, END_HOLD } from './features/waitlist/seats';
import { createWaitlist } from './features/waitlist/service';
import { createWebhookDelivery, DELIVER_WEBHOOK } from './features/webhooks/delivery';
import { webhookAdminRoutes } from './features/webhooks/routes';
import { createWebhooks } from './features/webhooks/service';
import { requireStaff } from './lib/actor';
import type { Clock } from './lib/clock';
import { loggerOptions } from './lib/logger';
import { createMetrics } from './lib/metrics';
import { createPersonalData, deriveSecret } from './lib/personal-data';
import { authPlugin } from './plugins/auth';
import { drainPlugin } from './plugins/drain';
import { errorsPlugin } from './plugins/errors';
import { metricsPlugin } from './plugins/metrics';
import { rateLimitsPlugin } from './plugins/rate-limits';
import { securityHeaders } from './plugins/security-headers';
import { webPlugin } from './plugins/web';

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbox and its worker: main.ts starts the loop, tests call runDueJobs(). */
    jobs: Jobs;
    /** The daily retention purge and its steps. */
    retention: Retention;
    /** The waiting hall's services (tests reach the end-of-day sweep through it). */
    hall: Hall;
    /** The dashboard's rollup (tests and the bench build it through it). */
    dashboardRollup: DashboardRollup;
    /** Visit feedback (main.ts invites the demo's newest visits). */
    feedback: Feedback;
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
    // A hop count trusts that many proxies nearest to us (Fastify's own meaning of a number).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only: any other body is refused with 415 before a handler runs.
  app.removeContentTypeParser('text/plain');

  await app.register(errorsPlugin);
  await app.register(drainPlugin);
  await app.register(securityHeaders, { https: config.publicUrl.startsWith('https:') });
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
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A partner system’s API key (`Authorization: Bearer mk_…`), created under /api/v1/admin/api-keys. Each route lists the scope it needs (availability:read, bookings:create, hall:read, kpis:read); a key without it gets 403 SCOPE_REQUIRED, a route that takes no key 403 FORBIDDEN.',
          },
        },
      },
      tags: [
        { name: 'catalogue', description: 'Centres, services and availability' },
        { name: 'bookings', description: 'Booking a slot and managing it with its manage token' },
        {
          name: 'waitlist',
          description:
            'Joining the waitlist of a full service, and accepting or declining the seat it offers',
        },
        { name: 'staff', description: 'Staff sign-in and sessions' },
        {
          name: 'admin',
          description: 'Centres, services, hours, closures, counters, staff, devices and the audit log',
        },
        { name: 'devices', description: 'What kiosks and hall boards reach with their device token' },
        {
          name: 'hall',
          description:
            'The waiting hall: check-in, walk-ins, counters, the board’s live events and the live ticket',
        },
        {
          name: 'integrations',
          description: 'Partner API keys, webhook endpoints and their deliveries (administrators)',
        },
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
  const apiKeys = createApiKeys({ db: database.db, clock, audit });
  await app.register(cookie);
  await app.register(authPlugin, {
    session: auth.resolveSession,
    device: devices.resolveDevice,
    apiKey: apiKeys.checkKey,
    recordApiCall: apiKeys.recordCall,
    isCsrfTokenValid,
  });
  const rateLimiter = createRateLimiter({
    db: database.db,
    clock,
    secret: deriveSecret(deps.dataKey, 'rate-limits/subjects'),
  });
  if (config.rateLimit)
    await app.register(rateLimitsPlugin, { limiter: rateLimiter, limits: config.rateLimits });

  const catalogue = createCatalogueService({
    db: database.db,
    clock,
    waitingByCentre: () => hall.live.waitingByCentre(),
  });
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
  // Built early: reminders and feedback invitations read its consents.
  const customerFiles = createCustomerFiles({
    db: database.db,
    clock,
    audit,
    personalData,
    noShow: config.noShow,
    // Late-bound: the bookings service is built below.
    findOwnBooking: () => bookings.findOwnBooking,
  });
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
    audit,
  });
  // Webhook secrets must be read back to sign, so they are sealed with their own derived key.
  const webhookSecrets = createPersonalData(
    Buffer.from(deriveSecret(deps.dataKey, 'webhooks/secrets'), 'base64url'),
  );
  const webhooks = createWebhooks({ db: database.db, clock, audit, jobs, secrets: webhookSecrets });
  const notices = createBookingNotices({
    db: database.db,
    clock,
    jobs,
    messages,
    webhooks,
    catalogue,
    publicUrl: config.publicUrl,
    remindersBefore: config.remindersBefore,
    consents: customerFiles,
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
    // Late-bound: the waitlist's seats need the bookings service themselves.
    onSeatFreed: () => seats.seatFreed,
    noShow: config.noShow,
  });
  const seats = createSeats({
    db: database.db,
    clock,
    catalogue,
    jobs,
    messages,
    publicUrl: config.publicUrl,
    policy: {
      offerMinutes: config.waitlistOfferMinutes,
      releaseDelaySeconds: config.releaseDelaySeconds,
      order: config.waitlistOrder,
    },
    random: deps.random ?? Math.random,
  });
  const waitlist = createWaitlist({
    db: database.db,
    clock,
    catalogue,
    bookings,
    idempotency,
    personalData,
    messages,
    seats,
    verifications: config.otp ? verifications : null,
    publicUrl: config.publicUrl,
  });

  // Every kind of background job, in one place.
  jobs.register(DELIVER_MESSAGE, messages.deliveryJob);
  jobs.register(SEND_REMINDER, notices.reminderJob);
  jobs.register(END_HOLD, seats.holdEndJob);
  // Once a day, across all instances: what is kept no longer. The customer files add their
  // policy as another step below.
  const retention = createRetention({
    db: database.db,
    clock,
    log: app.log.child({ component: 'retention' }),
    outboxKeepDays: config.outboxKeepDays,
  });
  retention.addStep({ name: 'staff sessions', purge: () => auth.purgeDeadSessions() });
  retention.addStep({ name: 'idempotency keys', purge: () => idempotency.purgeExpired() });
  retention.addStep({ name: 'captcha answers', purge: () => captcha.purgeExpired() });
  retention.addStep({ name: 'one-time codes', purge: () => verifications.purgeExpired() });
  retention.addStep({ name: 'API key usage counts', purge: () => apiKeys.purgeUsage() });
  retention.addStep({ name: 'rate limit counts', purge: (now) => rateLimiter.purge(now) });
  jobs.registerDaily({ name: RETENTION_PURGE, run: async () => void (await retention.purge()) });
  app.decorate('retention', retention);
  jobs.register(
    DELIVER_WEBHOOK,
    createWebhookDelivery({
      db: database.db,
      clock,
      audit,
      secrets: webhookSecrets,
      policy: config.webhooks,
      log: app.log.child({ component: 'webhooks' }),
      messages,
    }),
  );
  const guard = createScheduleGuard({ clock, bookings, audit, seats: () => seats });
  const adminDeps = { db: database.db, clock, audit, guard };
  const centreAdmin = createCentreAdmin(adminDeps);
  const offeringAdmin = createOfferingAdmin(adminDeps);
  const calendarAdmin = createCalendarAdmin(adminDeps);
  const counterAdmin = createCounterAdmin(adminDeps);
  const staffAdmin = createStaffAdmin({ db: database.db, clock, audit });

  const feedback = createFeedback({
    db: database.db,
    clock,
    audit,
    bookings,
    catalogue,
    messages,
    publicUrl: config.publicUrl,
    webhooks,
    consents: customerFiles,
  });
  retention.addStep({ name: 'feedback invitations', purge: () => feedback.purgeExpired() });
  app.decorate('feedback', feedback);

  const dataSubjectRequests = createDataSubjectRequests({
    db: database.db,
    clock,
    audit,
    personalData,
    retentionMonths: config.retentionMonths,
  });
  retention.addStep({
    name: 'inactive customer files',
    purge: (now) => dataSubjectRequests.anonymiseInactive(now),
  });

  const hallBus = createHallBus(database, app.log.child({ component: 'hall' }));
  app.addHook('onReady', () => hallBus.start());
  app.addHook('preClose', async () => endHallStreams());
  app.addHook('onClose', () => hallBus.close());
  const hall = createHall({
    db: database.db,
    clock,
    audit,
    bookings,
    catalogue,
    jobs,
    bus: hallBus,
    idempotency,
    publicUrl: config.publicUrl,
    webhooks,
    consents: customerFiles,
    afterServed: (tx, ticket, by) => feedback.inviteAfterVisit(tx, ticket, by),
  });
  app.decorate('hall', hall);

  await app.register(
    healthRoutes({
      ping: async () => {
        // A draining instance says it is not ready, so a load balancer sends its traffic elsewhere.
        if (app.isDraining()) throw new Error('draining');
        await ping(database);
      },
    }),
  );
  await app.register(settingsRoutes(config), { prefix: '/api/v1' });
  await app.register(catalogueRoutes(catalogue), { prefix: '/api/v1' });
  await app.register(verificationRoutes(verifications), { prefix: '/api/v1' });
  await app.register(bookingRoutes(bookings), { prefix: '/api/v1' });
  await app.register(ownConsentRoutes(customerFiles), { prefix: '/api/v1' });
  await app.register(waitlistRoutes(waitlist), { prefix: '/api/v1' });
  await app.register(captchaRoutes(captcha), { prefix: '/api/v1' });
  if (config.messages.transport === 'dev')
    await app.register(devInboxRoutes(messages), { prefix: '/api/v1/dev' });
  await app.register(authRoutes(auth, { secureCookies: config.secureCookies }), { prefix: '/api/v1' });
  await app.register(deviceRoutes(devices), { prefix: '/api/v1' });
  await app.register(hallRoutes(hall, { heartbeatMs: 15_000 }), { prefix: '/api/v1' });
  await app.register(kpiRoutes(createKpis({ db: database.db, clock })), { prefix: '/api/v1' });
  await app.register(feedbackRoutes(feedback), { prefix: '/api/v1' });
  await app.register(staffFeedbackRoutes(feedback), { prefix: '/api/v1/dashboard' });
  const dashboard = createDashboard({ db: database.db, clock, audit });
  // Each night, across all instances: the days just over, and the days changed since, rolled up.
  const dashboardRollup = createDashboardRollup({ db: database.db, clock });
  jobs.registerDaily({ name: DASHBOARD_ROLLUP, run: async () => void (await dashboardRollup.build()) });
  app.decorate('dashboardRollup', dashboardRollup);
  await app.register(dashboardRoutes(dashboard), { prefix: '/api/v1/dashboard' });
  await app.register(transparencyRoutes(dashboard), { prefix: '/api/v1' });
  await app.register(
    async (staffApi) => {
      staffApi.addHook('onRequest', async (req) => {
        requireStaff(req.actor);
      });
      await staffApi.register(customerFileRoutes(customerFiles, dataSubjectRequests));
    },
    { prefix: '/api/v1/staff' },
  );
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
      await admin.register(apiKeyAdminRoutes(apiKeys));
      await admin.register(webhookAdminRoutes(webhooks));
      await admin.register(waitlistAdminRoutes(createWaitlistAdmin({ db: database.db, clock, catalogue })));
    },
    { prefix: '/api/v1/admin' },
  );

  if (deps.webRoot) await app.register(webPlugin, { root: deps.webRoot });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
