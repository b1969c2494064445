/** Checks /healthz and /readyz of a running instance; true when both answer 200. */
export async function checkHealth(baseUrl: string, timeoutMs: number, out: (line: string) => void) {
  let healthy = true;
  for (const path of ['/healthz', '/readyz']) {
    const url = new URL(path, baseUrl).toString();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      out(`${path}  ${res.status} ${res.ok ? 'ok' : 'NOT OK'}`);
      healthy &&= res.ok;
    } catch (err) {
      out(`${path}  no answer (${(err as Error).message})`);
      healthy = false;
    }
  }
  return healthy;
}
