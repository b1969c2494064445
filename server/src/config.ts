import { isTimeZone } from '@mawaeed/core/time/local';
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
  MAWAEED_PUBLIC_URL: z.string().url().optional(),
  MAWAEED_DATA_KEY: z.string().min(32).optional(),
  MAWAEED_DEMO: onOff('off'),
  MAWAEED_OTP: onOff('on'),
  MAWAEED_CAPTCHA: onOff('on'),
  MAWAEED_RATE_LIMIT: onOff('on'),
  MAWAEED_RELEASE_DELAY: onOff('on'),
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
  publicUrl: string;
  /** Seals CPRs; see lib/data-key.ts for how demo mode makes one. */
  dataKey: string | undefined;
  demo: boolean;
  otp: boolean;
  captcha: boolean;
  rateLimit: boolean;
  releaseDelay: boolean;
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
  /** Minutes before the appointment at which a reminder goes, largest first (24h,2h → 1440, 120). */
  remindersBefore: readonly number[];
  messages: Readonly<{
    transport: 'dev' | 'live';
    sms?: { url: string; authHeader?: string; bodyTemplate: string; timeoutMs: number };
    smtp?: { host: string; port: number; user?: string; pass?: string; from: string };
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
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    publicUrl: (e.MAWAEED_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataKey: e.MAWAEED_DATA_KEY,
    demo: e.MAWAEED_DEMO,
    otp: e.MAWAEED_OTP,
    captcha: e.MAWAEED_CAPTCHA,
    rateLimit: e.MAWAEED_RATE_LIMIT,
    releaseDelay: e.MAWAEED_RELEASE_DELAY,
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
    sessionIdleMinutes: e.MAWAEED_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.MAWAEED_SESSION_MAX_HOURS,
    secureCookies: (e.MAWAEED_PUBLIC_URL ?? '').startsWith('https:'),
  });
}

/** "24h,2h" → [1440, 120]: minutes before the appointment, largest first, without repeats. */
function parseReminders(text: string): number[] {
  if (text === 'none') return [];
  const minutes = text.split(',').map((part) => Number(part.slice(0, -1)) * (part.endsWith('h') ? 60 : 1));
  return [...new Set(minutes.filter((m) => m > 0))].sort((a, b) => b - a);
}
