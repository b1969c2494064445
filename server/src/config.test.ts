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
      releaseDelaySeconds: 120,
      waitlistOfferMinutes: 30,
      publicUrl: 'http://localhost:3000',
    });
  });

  it('reads switches as on/off and refuses anything else', () => {
    expect(readConfig({ MAWAEED_DEMO: 'on', MAWAEED_OTP: 'off' })).toMatchObject({ demo: true, otp: false });
    expect(() => readConfig({ MAWAEED_DEMO: 'yes' })).toThrow(/MAWAEED_DEMO/);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('reads the release delay as off, on (two minutes) or a number of seconds', () => {
    expect(readConfig({ MAWAEED_RELEASE_DELAY: 'off' }).releaseDelaySeconds).toBe(0);
    expect(readConfig({ MAWAEED_RELEASE_DELAY: 'on' }).releaseDelaySeconds).toBe(120);
    expect(readConfig({ MAWAEED_RELEASE_DELAY: '30' }).releaseDelaySeconds).toBe(30);
    expect(() => readConfig({ MAWAEED_RELEASE_DELAY: 'soon' })).toThrow(/MAWAEED_RELEASE_DELAY/);
  });

  it('reads the message and job settings', () => {
    const config = readConfig({});
    expect(config.messages).toEqual({ transport: 'dev' });
    expect(config.remindersBefore).toEqual([1440, 120]);
    expect(config.jobs).toMatchObject({
      worker: true,
      maxAttempts: 8,
      dailyAt: '03:00',
      dailyZone: 'Asia/Bahrain',
    });
    expect(readConfig({ MAWAEED_REMINDERS: '2h,30m,24h' }).remindersBefore).toEqual([1440, 120, 30]);
    expect(readConfig({ MAWAEED_REMINDERS: 'none' }).remindersBefore).toEqual([]);
    expect(() => readConfig({ MAWAEED_REMINDERS: 'tomorrow' })).toThrow(/MAWAEED_REMINDERS/);
  });

  it('needs an SMS gateway for live messages, and e-mail only when SMTP is set', () => {
    expect(() => readConfig({ MAWAEED_MESSAGES_TRANSPORT: 'live' })).toThrow(/MAWAEED_SMS_URL/);
    const live = readConfig({
      MAWAEED_MESSAGES_TRANSPORT: 'live',
      MAWAEED_SMS_URL: 'https://sms.example/send',
      MAWAEED_SMS_AUTH_HEADER: 'Authorization: Bearer abc',
    });
    expect(live.messages.sms).toMatchObject({
      url: 'https://sms.example/send',
      authHeader: 'Authorization: Bearer abc',
    });
    expect(live.messages.smtp).toBeUndefined();
    expect(() => readConfig({ MAWAEED_SMS_AUTH_HEADER: 'just-a-token' })).toThrow(/MAWAEED_SMS_AUTH_HEADER/);
  });

  it('runs several instances only on PostgreSQL', () => {
    expect(readConfig({}).workers).toBe(1);
    expect(() => readConfig({ MAWAEED_WORKERS: '2' })).toThrow(
      /MAWAEED_WORKERS: more than one instance needs PostgreSQL/,
    );
    expect(readConfig({ MAWAEED_WORKERS: '3', DATABASE_URL: 'postgres://localhost/mawaeed' }).workers).toBe(
      3,
    );
    expect(() => readConfig({ MAWAEED_WORKERS: '0', DATABASE_URL: 'postgres://localhost/mawaeed' })).toThrow(
      /MAWAEED_WORKERS/,
    );
  });
});
