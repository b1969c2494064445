import { isTimeZone } from '@mawaeed/core/time/local';
import { WAITLIST_ORDERS, type WaitlistOrder } from '@mawaeed/core/waitlist/matching';
import { z } from 'zod';

const onOff = (fallback: 'on' | 'off') =>
  z
    .enum(['on', 'off'])
    .default(fallback)
    .transform((v) => v === 'on');

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MAWAEED_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  MAWAEED_PUBLIC_URL: z.string().url().optional(),
  MAWAEED_DATA_KEY: z.string().min(32).optional(),
  MAWAEED_DEMO: onOff('off'),
  MAWAEED_OTP: onOff('on'),
  MAWAEED_CAPTCHA: onOff('on'),
  MAWAEED_RATE_LIMIT: onOff('on'),
  MAWAEED_RATE_LIMIT_READS: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  MAWAEED_RATE_LIMIT_WRITES: z.coerce.number().int().min(1).max(1_000_000).default(300),
  MAWAEED_RATE_LIMIT_PER_PERSON: z.coerce.number().int().min(1).max(10_000).default(20),
  MAWAEED_TRUST_PROXY: z
    .string()
    .regex(
      /^(off|\d{1,2}|[\d.:a-fA-F/]+(,\s*[\d.:a-fA-F/]+)*)$/,
      'off, a number of proxy hops, or a comma list of proxy addresses/CIDRs',
    )
    .default('off'),
  /** off, on (= 120) or the most seconds a freed seat nobody on the waitlist wants stays held. */
  MAWAEED_RELEASE_DELAY: z
    .string()
    .regex(/^(on|off|\d{1,5})$/, 'off, on or a number of seconds')
    .default('on')
    .transform((v) => (v === 'off' ? 0 : v === 'on' ? 120 : Number(v))),
  MAWAEED_WAITLIST_OFFER_MINUTES: z.coerce.number().int().min(5).max(1440).default(30),
  MAWAEED_WAITLIST_ORDER: z.enum(WAITLIST_ORDERS).default('joined'),
  MAWAEED_OTP_DAILY_CAP: z.coerce.number().int().min(1).max(1000).default(10),
  MAWAEED_JOBS_WORKER: onOff('on'),
  MAWAEED_JOBS_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  MAWAEED_JOBS_LEASE_MS: z.coerce.number().int().min(1000).default(300_000),
  MAWAEED_JOBS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  MAWAEED_JOBS_BACKOFF_MS: z.coerce.number().int().min(100).default(30_000),
  MAWAEED_JOBS_BACKOFF_MAX_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(6 * 3600_000),
  MAWAEED_DAILY_JOBS_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('03:00'),
  MAWAEED_DAILY_JOBS_ZONE: z.string().refine(isTimeZone, 'Unknown IANA time zone').default('Asia/Bahrain'),
  MAWAEED_OUTBOX_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  MAWAEED_RETENTION_MONTHS: z.coerce.number().int().min(1).max(1200).default(24),
  MAWAEED_NO_SHOW_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
  MAWAEED_NO_SHOW_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  MAWAEED_NO_SHOW_POLICY: z.enum(['off', 'warn', 'block']).default('block'),
  MAWAEED_REMINDERS: z
    .string()
    .regex(/^(\d+[hm])(,\d+[hm])*$|^none$/, 'A list like 24h,2h (or none)')
    .default('24h,2h'),
  MAWAEED_MESSAGES_TRANSPORT: z.enum(['dev', 'live']).default('dev'),
  MAWAEED_SMS_URL: z.string().url().optional(),
  MAWAEED_SMS_AUTH_HEADER: z
    .string()
    .regex(/^[\w-]+:\s*\S.*$/, 'A header line like "Authorization: Bearer …"')
    .optional(),
  MAWAEED_SMS_BODY_TEMPLATE: z.string().default('{"to":"{to}","text":"{text}"}'),
  MAWAEED_SMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  MAWAEED_SMTP_HOST: z.string().optional(),
  MAWAEED_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  MAWAEED_SMTP_USER: z.string().optional(),
  MAWAEED_SMTP_PASS: z.string().optional(),
  MAWAEED_SMTP_FROM: z.string().default('Mawaeed <no-reply@localhost>'),
  MAWAEED_WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).max(1000).default(15),
  MAWAEED_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  MAWAEED_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  MAWAEED_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  /** Instances this process runs with Node's cluster module on one port (PostgreSQL only). */
  workers: number;
  publicUrl: string;
  /** Seals CPRs; see lib/data-key.ts for how demo mode makes one. */
  dataKey: string | undefined;
  demo: boolean;
  otp: boolean;
  captcha: boolean;
  rateLimit: boolean;
  rateLimits: Readonly<{ readsPerMinute: number; writesPerMinute: number; bookingsPerPersonHour: number }>;
  trustProxy: false | number | string;
  /** The most seconds before a freed seat that no waitlist entry matches is public again; 0: at once. */
  releaseDelaySeconds: number;
  /** How long a waitlist offer stands (shorter when the slot is soon). */
  waitlistOfferMinutes: number;
  /** Who is offered a freed seat first: the earliest joined, or the lowest lottery draw. */
  waitlistOrder: WaitlistOrder;
  logLevel: string;
  otpDailyCap: number;
  jobs: Readonly<{
    worker: boolean;
    pollMs: number;
    leaseMs: number;
    maxAttempts: number;
    backoffMs: number;
    backoffMaxMs: number;
    dailyAt: string;
    dailyZone: string;
  }>;
  /** Days a done job or a sent or skipped message is kept before the daily purge removes it. */
  outboxKeepDays: number;
  /** Months a customer file may stay inactive before the daily purge anonymises it. */
  retentionMonths: number;
  /** Repeated no-shows: `limit` in the last `days` days warn staff or block booking (decision 0017). */
  noShow: Readonly<{ limit: number; days: number; policy: 'off' | 'warn' | 'block' }>;
  /** Minutes before the appointment at which a reminder goes, largest first (24h,2h → 1440, 120). */
  remindersBefore: readonly number[];
  messages: Readonly<{
    transport: 'dev' | 'live';
    sms?: { url: string; authHeader?: string; bodyTemplate: string; timeoutMs: number };
    smtp?: { host: string; port: number; user?: string; pass?: string; from: string };
  }>;
  webhooks: Readonly<{
    /** Failed attempts in a row after which an endpoint is disabled. */
    disableAfter: number;
    timeoutMs: number;
  }>;
  /** Staff sessions end after this long without a request… */
  sessionIdleMinutes: number;
  /** …and after this long in any case. */
  sessionMaxHours: number;
  /** Cookies get `Secure` when people reach the app over https. */
  secureCookies: boolean;
}>;

/** The only reader of the environment: parsed once, typed and frozen. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  if (e.MAWAEED_MESSAGES_TRANSPORT === 'live' && !e.MAWAEED_SMS_URL) {
    throw new Error(
      'Invalid configuration:\n  MAWAEED_SMS_URL: required when MAWAEED_MESSAGES_TRANSPORT is live',
    );
  }
  if (e.MAWAEED_WORKERS > 1 && !e.DATABASE_URL) {
    throw new Error(
      'Invalid configuration:\n  MAWAEED_WORKERS: more than one instance needs PostgreSQL (DATABASE_URL); the embedded database serves one process',
    );
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    workers: e.MAWAEED_WORKERS,
    publicUrl: (e.MAWAEED_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataKey: e.MAWAEED_DATA_KEY,
    demo: e.MAWAEED_DEMO,
    otp: e.MAWAEED_OTP,
    captcha: e.MAWAEED_CAPTCHA,
    rateLimit: e.MAWAEED_RATE_LIMIT,
    rateLimits: Object.freeze({
      readsPerMinute: e.MAWAEED_RATE_LIMIT_READS,
      writesPerMinute: e.MAWAEED_RATE_LIMIT_WRITES,
      bookingsPerPersonHour: e.MAWAEED_RATE_LIMIT_PER_PERSON,
    }),
    trustProxy: parseTrustProxy(e.MAWAEED_TRUST_PROXY),
    releaseDelaySeconds: e.MAWAEED_RELEASE_DELAY,
    waitlistOfferMinutes: e.MAWAEED_WAITLIST_OFFER_MINUTES,
    waitlistOrder: e.MAWAEED_WAITLIST_ORDER,
    logLevel: e.LOG_LEVEL,
    otpDailyCap: e.MAWAEED_OTP_DAILY_CAP,
    jobs: Object.freeze({
      worker: e.MAWAEED_JOBS_WORKER,
      pollMs: e.MAWAEED_JOBS_POLL_MS,
      leaseMs: e.MAWAEED_JOBS_LEASE_MS,
      maxAttempts: e.MAWAEED_JOBS_MAX_ATTEMPTS,
      backoffMs: e.MAWAEED_JOBS_BACKOFF_MS,
      backoffMaxMs: e.MAWAEED_JOBS_BACKOFF_MAX_MS,
      dailyAt: e.MAWAEED_DAILY_JOBS_AT,
      dailyZone: e.MAWAEED_DAILY_JOBS_ZONE,
    }),
    outboxKeepDays: e.MAWAEED_OUTBOX_KEEP_DAYS,
    retentionMonths: e.MAWAEED_RETENTION_MONTHS,
    noShow: Object.freeze({
      limit: e.MAWAEED_NO_SHOW_LIMIT,
      days: e.MAWAEED_NO_SHOW_DAYS,
      policy: e.MAWAEED_NO_SHOW_POLICY,
    }),
    remindersBefore: parseReminders(e.MAWAEED_REMINDERS),
    messages: Object.freeze({
      transport: e.MAWAEED_MESSAGES_TRANSPORT,
      ...(e.MAWAEED_MESSAGES_TRANSPORT === 'live' && e.MAWAEED_SMS_URL
        ? {
            sms: {
              url: e.MAWAEED_SMS_URL,
              ...(e.MAWAEED_SMS_AUTH_HEADER ? { authHeader: e.MAWAEED_SMS_AUTH_HEADER } : {}),
              bodyTemplate: e.MAWAEED_SMS_BODY_TEMPLATE,
              timeoutMs: e.MAWAEED_SMS_TIMEOUT_MS,
            },
          }
        : {}),
      ...(e.MAWAEED_MESSAGES_TRANSPORT === 'live' && e.MAWAEED_SMTP_HOST
        ? {
            smtp: {
              host: e.MAWAEED_SMTP_HOST,
              port: e.MAWAEED_SMTP_PORT,
              ...(e.MAWAEED_SMTP_USER ? { user: e.MAWAEED_SMTP_USER } : {}),
              ...(e.MAWAEED_SMTP_PASS ? { pass: e.MAWAEED_SMTP_PASS } : {}),
              from: e.MAWAEED_SMTP_FROM,
            },
          }
        : {}),
    }),
    webhooks: Object.freeze({
      disableAfter: e.MAWAEED_WEBHOOK_DISABLE_AFTER,
      timeoutMs: e.MAWAEED_WEBHOOK_TIMEOUT_MS,
    }),
    sessionIdleMinutes: e.MAWAEED_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.MAWAEED_SESSION_MAX_HOURS,
    secureCookies: (e.MAWAEED_PUBLIC_URL ?? '').startsWith('https:'),
  });
}

/**
 * Which X-Forwarded-For hops to believe (Fastify's trustProxy): none by default, so a client
 * cannot pick its own address for the per-address limits; a hop count or the proxies' addresses.
 */
function parseTrustProxy(text: string): false | number | string {
  if (text === 'off') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text.replace(/\s+/g, '');
}

/** "24h,2h" → [1440, 120]: minutes before the appointment, largest first, without repeats. */
function parseReminders(text: string): number[] {
  if (text === 'none') return [];
  const minutes = text.split(',').map((part) => Number(part.slice(0, -1)) * (part.endsWith('h') ? 60 : 1));
  return [...new Set(minutes.filter((m) => m > 0))].sort((a, b) => b - a);
}
