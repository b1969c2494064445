import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/test-app';

const directives = (header: string | string[] | number | undefined) =>
  Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  ) as Record<string, string[]>;

describe('security headers', () => {
  let plain: TestApp;
  let secure: TestApp;
  beforeAll(async () => {
    plain = await buildTestApp();
    secure = await buildTestApp({ env: { MAWAEED_PUBLIC_URL: 'https://mawaeed.example.bh' } });
  });
  afterAll(async () => {
    await plain.close();
    await secure.close();
  });

  it('forbids inline script, framing and plugins on every answer, and sniffing of types', async () => {
    for (const url of ['/api/v1/centres', '/api/v1/no-such-route', '/healthz']) {
      const res = await plain.app.inject({ url });
      const csp = directives(res.headers['content-security-policy']);
      expect(csp['script-src'], url).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(csp['script-src-attr']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('keeps a plain-http install on http, and tells browsers to stay on https when it is https', async () => {
    const http = await plain.app.inject({ url: '/api/v1/centres' });
    expect(http.headers['strict-transport-security']).toBeUndefined();
    expect(directives(http.headers['content-security-policy'])['upgrade-insecure-requests']).toBeUndefined();
    const https = await secure.app.inject({ url: '/api/v1/centres' });
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives(https.headers['content-security-policy'])['upgrade-insecure-requests']).toEqual([]);
  });

  it('serves the API docs page under the same policy (Swagger UI needs no inline script)', async () => {
    const res = await plain.app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(directives(res.headers['content-security-policy'])['script-src']).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
    ]);
    expect(res.body).not.toMatch(/<script>(?!\s*<\/script>)/);
  });
});
