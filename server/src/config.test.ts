import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded database, port 3000, demo off and every defence on', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: './data',
      databaseUrl: undefined,
      demo: false,
      otp: true,
      captcha: true,
      rateLimit: true,
      releaseDelay: true,
      publicUrl: 'http://localhost:3000',
    });
  });

  it('reads switches as on/off and refuses anything else', () => {
    expect(readConfig({ MAWAEED_DEMO: 'on', MAWAEED_OTP: 'off' })).toMatchObject({ demo: true, otp: false });
    expect(() => readConfig({ MAWAEED_DEMO: 'yes' })).toThrow(/MAWAEED_DEMO/);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
