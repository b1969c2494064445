import { ERRORS, type ErrorCode } from '@mawaeed/core/contracts/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/app-error';
import { requestLanguage } from '../lib/language';
import { type ProblemDetail, problemBody } from '../lib/problem';

/** Fastify's own client errors, by code, in our vocabulary. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  options: {
    params?: Record<string, string | number>;
    errors?: ProblemDetail[];
    extra?: Record<string, unknown>;
  } = {},
) {
  const language = requestLanguage(request.headers['accept-language']);
  return reply
    .code(ERRORS[code].status)
    .type('application/problem+json')
    .header('content-language', language)
    .send(problemBody(code, language, options));
}

/** One place maps every failure to RFC 9457 problem JSON with a stable `code`. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'NOT_FOUND'));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (
        error.code === 'RATE_LIMITED' ||
        error.code === 'UNAVAILABLE' ||
        error.code === 'SIGN_IN_THROTTLED'
      ) {
        reply.header('retry-after', String(error.params.retryAfter ?? 1));
      }
      return sendProblem(request, reply, error.code, { params: error.params, extra: error.extra });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: [
          error.validationContext,
          ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : []),
        ].join('.'),
        message: v.message ?? 'invalid',
      }));
      return sendProblem(request, reply, 'VALIDATION_FAILED', { errors });
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped)
      return sendProblem(request, reply, mapped, { errors: [{ path: 'body', message: error.message }] });
    if (error.statusCode === 405) return sendProblem(request, reply, 'METHOD_NOT_ALLOWED');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      return sendProblem(request, reply, error.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED');
    }
    const constraint = constraintCode(error);
    if (constraint) {
      request.log.info({ err: error }, 'constraint refused a write');
      return sendProblem(request, reply, constraint, { params: { field: 'value' } });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '2');
      return sendProblem(request, reply, 'UNAVAILABLE');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'INTERNAL');
  });
});

/** Connection failures and server shutdowns: the client should retry, not report a bug. */
function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (/^(57P0[1-3]|08\d{3}|53300)$/.test(code) || /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$/.test(code))
    ) {
      return true;
    }
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
        message,
      )
    ) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** A write the database refused by a constraint is the client's doing, never a 500. */
function constraintCode(error: unknown): ErrorCode | undefined {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '23505') return 'ALREADY_EXISTS';
    if (code === '23503' || code === '23514') return 'VALIDATION_FAILED';
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
