/** An RFC 9457 problem answer from the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The problem's own members (CHECK_IN_TOO_LATE's `window`, …). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Problem = { code?: string; title?: string; detail?: string; [member: string]: unknown };

export type RequestOptions = {
  signal?: AbortSignal;
  method?: 'GET' | 'POST';
  body?: unknown;
  /** A manage token: sent as a bearer header, never in the address. */
  token?: string;
  idempotencyKey?: string;
};

/** Sends a request to our own API; problems come back as ApiError with the API's stable `code`. */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const { signal, method = 'GET', body, token, idempotencyKey } = options;
  const headers: Record<string, string> = {
    accept: 'application/json',
    // The page's language, so a problem's `detail` is one the person can read.
    'accept-language': document.documentElement.lang || 'en',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    throw new ApiError(
      response.status,
      problem.code ?? 'HTTP_ERROR',
      problem.detail ?? problem.title ?? response.statusText,
      problem,
    );
  }
  return response;
}

/** GETs JSON from our own API. */
export async function getJson<T>(
  path: string,
  options: Omit<RequestOptions, 'method' | 'body'> = {},
): Promise<T> {
  return (await (await request(path, options)).json()) as T;
}

/** POSTs JSON to our own API and reads the JSON answer. */
export async function postJson<T>(
  path: string,
  body: unknown,
  options: Omit<RequestOptions, 'method' | 'body'> = {},
): Promise<T> {
  return (await (await request(path, { ...options, method: 'POST', body })).json()) as T;
}
