import type { ErrorCode } from '@mawaeed/core/contracts/errors';

/** A surprise that stops a request; the error plugin turns `code` into problem JSON. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}
