import type { Language } from '@mawaeed/core/contracts/common';
import { ERRORS, type ErrorCode, errorMessage } from '@mawaeed/core/contracts/errors';

export type ProblemDetail = { path: string; message: string };

/** An RFC 9457 problem body with our stable `code`, its detail in the reader's language. */
export function problemBody(
  code: ErrorCode,
  language: Language,
  options: {
    params?: Record<string, string | number>;
    errors?: ProblemDetail[];
    extra?: Record<string, unknown>;
  } = {},
) {
  const { status } = ERRORS[code];
  return {
    type: `about:blank#${code}`,
    title: ERRORS[code].en,
    status,
    detail: errorMessage(code, language, options.params),
    code,
    ...(options.errors ? { errors: options.errors } : {}),
    ...options.extra,
  };
}
