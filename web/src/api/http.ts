/** An RFC 9457 problem answer from the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Problem = { code?: string; title?: string; detail?: string };

/** GETs JSON from our own API; problems come back as ApiError with the API's stable `code`. */
export async function getJson<T>(path: string, { signal }: { signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      signal,
      // The page's language, so a problem's `detail` is one the person can read.
      headers: { accept: 'application/json', 'accept-language': document.documentElement.lang || 'en' },
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
    );
  }
  return (await response.json()) as T;
}
