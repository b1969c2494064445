import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { book, bookingBody } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { createStaff, signIn } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';

/** A local SMS gateway whose behaviour each test sets. */
type Mode = 'ok' | 'fail' | 'hang';
let mode: Mode = 'ok';
let failuresLeft = 0;
const gatewayRequests: { auth?: string; key?: string; body: { to: string; text: string } }[] = [];
const hanging: ServerResponse[] = [];
let gateway: Server;

const mails: ParsedMail[] = [];
let smtp: SMTPServer;

let t: TestApp;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;
let adminEmail: string;
const slotAt = (time: string) => `2026-12-01T${time}:00+03:00`;

async function listen(
  server: { listen(port: number, host: string, cb: () => void): unknown },
  address: () => AddressInfo,
) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return address().port;
}

beforeAll(async () => {
  gateway = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      gatewayRequests.push({
        auth: req.headers['x-api-key'] as string,
        key: req.headers['idempotency-key'] as string,
        body: JSON.parse(raw),
      });
      if (mode === 'hang') return void hanging.push(res);
      if (mode === 'fail' && failuresLeft-- > 0) return void res.writeHead(503).end('busy');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  const gatewayPort = await listen(gateway, () => gateway.address() as AddressInfo);

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  const smtpPort = await listen(smtp, () => smtp.server.address() as AddressInfo);

  t = await buildTestApp({
    env: {
      MAWAEED_MESSAGES_TRANSPORT: 'live',
      MAWAEED_SMS_URL: `http://127.0.0.1:${gatewayPort}/send`,
      MAWAEED_SMS_AUTH_HEADER: 'X-Api-Key: gateway-secret',
      MAWAEED_SMS_BODY_TEMPLATE: '{"to":"{to}","text":"{text}","sender":"Mawaeed"}',
      // Generous: the gateway shares this busy process (and its main thread) with PGlite.
      MAWAEED_SMS_TIMEOUT_MS: '1500',
      MAWAEED_SMTP_HOST: '127.0.0.1',
      MAWAEED_SMTP_PORT: String(smtpPort),
      MAWAEED_SMTP_FROM: 'Mawaeed <no-reply@mawaeed.test>',
      MAWAEED_JOBS_MAX_ATTEMPTS: '3',
      MAWAEED_JOBS_BACKOFF_MS: '1000',
    },
  });
  setup = await createOfferingSetup(t.db, { offering: { capacity: 5 } });
  adminEmail = (await createStaff(t.db, { role: 'administrator' })).email;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await t.close();
  gateway.closeAllConnections();
  await new Promise((resolve) => gateway.close(resolve));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

beforeEach(() => {
  t.clock.set(TEST_NOW);
  mode = 'ok';
  failuresLeft = 0;
  gatewayRequests.length = 0;
  mails.length = 0;
});

/** Signs in afresh each time: these tests move the clock past a session's idle timeout. */
async function staffList() {
  const admin = await signIn(t, adminEmail);
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/v1/admin/messages',
    headers: admin.headers,
  });
  return res.json().items as {
    id: string;
    reference: string;
    channel: string;
    status: string;
    lastError: string | null;
    attempts: number;
  }[];
}

describe('e-mail by SMTP', () => {
  it('delivers the confirmation with the calendar file to the booking’s address', async () => {
    const res = await book(
      t,
      bookingBody(setup, slotAt('08:30'), { email: 'fatima@example.bh', language: 'ar' }),
    );
    expect(res.statusCode).toBe(201);
    await t.app.jobs.runDueJobs();
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('fatima@example.bh');
    expect(mail?.from?.text).toContain('no-reply@mawaeed.test');
    expect(mail?.subject).toContain('تم تأكيد حجزك');
    expect(mail?.text).toContain('الثلاثاء 1 ديسمبر 2026، 8:30 ص');
    const ics = mail?.attachments.find((a) => a.filename === 'mawaeed-booking.ics');
    expect(ics?.contentType).toBe('text/calendar');
    const vevent = new ICAL.Component(ICAL.parse(ics?.content.toString('utf8') ?? '')).getFirstSubcomponent(
      'vevent',
    );
    if (!vevent) throw new Error('no event in the calendar file');
    const event = new ICAL.Event(vevent);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T05:30:00.000Z');
    // The SMS went to the gateway too.
    expect(gatewayRequests).toHaveLength(1);
  });
});

describe('SMS by an HTTP gateway', () => {
  it('posts the filled body template with the auth header and the message id as Idempotency-Key', async () => {
    const { reference } = (
      await book(t, bookingBody(setup, slotAt('09:00'), { mobile: '+973 3600 9876' }))
    ).json();
    await t.app.jobs.runDueJobs();
    const message = (await staffList()).find((m) => m.reference === reference && m.channel === 'sms');
    expect(gatewayRequests).toEqual([
      {
        auth: 'gateway-secret',
        key: message?.id,
        body: {
          to: '+97336009876',
          text: expect.stringContaining('Tue 1 Dec 2026, 9:00am'),
          sender: 'Mawaeed',
        },
      },
    ]);
  });

  it('retries a gateway that fails twice, after backoff, and delivers once', async () => {
    mode = 'fail';
    failuresLeft = 2;
    const { reference } = (await book(t, bookingBody(setup, slotAt('09:15')))).json();
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ retry: 1 });
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ retry: 0, done: 0 }); // waiting out the backoff
    t.clock.advance(1); // 1 s · 2^0 with jitter: under a minute
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ retry: 1 });
    t.clock.advance(1);
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 1 });
    t.clock.advance(60);
    expect(await t.app.jobs.runDueJobs()).toMatchObject({ done: 0 });
    expect(gatewayRequests).toHaveLength(3);
    const sms = (await staffList()).find((m) => m.reference === reference);
    expect(sms).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('gives up on a gateway that times out, shows why, and sends again when staff retry', async () => {
    mode = 'hang';
    const { reference } = (await book(t, bookingBody(setup, slotAt('09:30')))).json();
    for (let i = 0; i < 3; i++) {
      await t.app.jobs.runDueJobs();
      t.clock.advance(10);
    }
    expect(gatewayRequests).toHaveLength(3);
    const failed = (await staffList()).find((m) => m.reference === reference);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'Error: SMS gateway timed out after 1500 ms',
    });
    mode = 'ok';
    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/messages/${failed?.id}/retry`,
      headers: (await signIn(t, adminEmail)).headers,
    });
    expect(retry.json()).toEqual({ id: failed?.id, status: 'pending' });
    await t.app.jobs.runDueJobs();
    expect((await staffList()).find((m) => m.id === failed?.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
    expect(gatewayRequests).toHaveLength(4);
  });

  it('has no developer inbox', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dev/inbox' })).statusCode).toBe(404);
  });
});
