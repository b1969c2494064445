/**
 * Staff calls to the API: the session cookie travels by itself, every state-changing call carries
 * the session's CSRF token, and problem JSON becomes a StaffApiError with the API's stable `code`,
 * its `detail`, the field `errors` (paths such as `body.name.en`) and any extra members.
 */
import { ApiError } from '../../api/http';

export type FieldProblem = { path: string; message: string };

/** An ApiError (so the query client's "no retry on 4xx" applies) with the problem's details. */
export class StaffApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    override readonly problem: Record<string, unknown> = {},
    /** Seconds, from Retry-After (throttled sign-ins). */
    readonly retryAfter?: number,
  ) {
    super(status, code, detail);
    this.name = 'StaffApiError';
  }
}

let csrfToken: string | null = null;
const unauthorisedListeners = new Set<() => void>();

/** Kept from sign-in and from GET /auth/session; never stored beyond the page. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a staff call answers 401: the session is missing or has expired. */
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function staffRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: { signal?: AbortSignal; quietUnauthorised?: boolean; idempotencyKey?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': document.documentElement.lang || 'en',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      signal: options.signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new StaffApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    const retryAfter = Number(response.headers.get('retry-after'));
    const error = new StaffApiError(
      response.status,
      typeof problem.code === 'string' ? problem.code : 'HTTP_ERROR',
      typeof problem.detail === 'string' ? problem.detail : response.statusText,
      Array.isArray(problem.errors) ? (problem.errors as FieldProblem[]) : [],
      problem,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
    if (response.status === 401 && !options.quietUnauthorised) {
      for (const listener of unauthorisedListeners) listener();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const staffGet = <T>(path: string, signal?: AbortSignal) =>
  staffRequest<T>('GET', path, undefined, { signal });
