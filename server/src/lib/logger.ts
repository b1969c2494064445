import type { LoggerOptions } from 'pino';

/**
 * CPR and phone numbers are personal data (PDPL): they never reach a log line. Bodies are not
 * logged at all; these paths catch them where a log call passes an object that has them.
 */
export const REDACT_PATHS = [
  'cpr',
  'mobile',
  'phone',
  'email',
  'code',
  '*.cpr',
  '*.mobile',
  '*.phone',
  '*.email',
  '*.code',
  'customer.*',
  '*.customer.*',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
}
