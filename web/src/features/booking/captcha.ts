import { getJson } from '../../api/http';

/**
 * Proof of work (ALTCHA, PBKDF2/SHA-256), solved in a worker so the page stays responsive: no
 * puzzle, nothing to do for a keyboard or screen-reader user, no third party. The answer is
 * base64(JSON { challenge, solution }), as the booking's `captcha` field takes it.
 */
export async function solveCaptcha(): Promise<string> {
  const challenge = await getJson<unknown>('/api/v1/captcha');
  const worker = new Worker(new URL('./captcha-worker.ts', import.meta.url), { type: 'module' });
  try {
    const solution = await new Promise<unknown>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage({ type: 'work', challenge });
    });
    if (!solution || (typeof solution === 'object' && 'error' in solution))
      throw new Error('captcha not solved');
    return btoa(JSON.stringify({ challenge, solution }));
  } finally {
    worker.terminate();
  }
}
