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
    sessionIdleMinutes: e.MAWAEED_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.MAWAEED_SESSION_MAX_HOURS,
    secureCookies: (e.MAWAEED_PUBLIC_URL ?? '').startsWith('https:'),
  });
}
