import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobs } from '../../db/schema';
import { auditLog } from '../../db/schema-staff';
import { book, bookingBody, manage } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { asStaff, createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { type Received, startReceiver, verify } from '../../test/webhook-receiver';

let t: TestApp;
let admin: Session;
let adminEmail: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;
let minute = 0;
/** A fresh slot for each booking, so tests do not collide. */
const nextSlot = () => {
  const m = 7 * 60 + 15 * minute++;
  return `2026-12-01T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00+03:00`;
};

beforeAll(async () => {
  t = await buildTestApp({
    // Sessions outlive the hours the clock is moved on to pass retry delays.
    env: {
      MAWAEED_WEBHOOK_DISABLE_AFTER: '3',
      MAWAEED_SESSION_IDLE_MINUTES: '1440',
      MAWAEED_SESSION_MAX_HOURS: '720',
    },
  });
  receiver = await startReceiver();
  setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 5 } });
  adminEmail = (await createStaff(t.db, { role: 'administrator' })).email;
  admin = await signIn(t, adminEmail);
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});
beforeEach(async () => {
  receiver.received.length = 0;
  receiver.answer([]);
  // Each test registers its own endpoint; earlier ones are removed.
  for (const e of (await asStaff(t, admin, 'GET', '/api/v1/admin/webhooks')).json().items) {
    await asStaff(t, admin, 'DELETE', `/api/v1/admin/webhooks/${e.id}`);
  }
});

async function register(events = ['booking.created', 'booking.rescheduled', 'booking.cancelled']) {
  const res = await asStaff(t, admin, 'POST', '/api/v1/admin/webhooks', {
    name: 'Case system',
    url: receiver.url,
    events,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string };
}

async function deliveries(endpointId: string) {
  const res = await asStaff(t, admin, 'GET', `/api/v1/admin/webhooks/${endpointId}/deliveries`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    id: string;
    status: string;
    eventType: string;
    attempts: { statusCode: number }[];
  }[];
}

/** Runs the outbox, then again after the clock passes every retry delay. */
async function runJobsAndRetries(rounds: number) {
  await t.app.jobs.runDueJobs();
  for (let i = 0; i < rounds; i++) {
    // The longest retry delay is MAWAEED_JOBS_BACKOFF_MAX_MS (6 hours).
    t.clock.advance(6 * 60);
    await t.app.jobs.runDueJobs();
  }
  // Hours passed: the administrator's session has ended.
  admin = await signIn(t, adminEmail);
}

describe('webhooks', () => {
  it('sends booking.created signed, versioned, and without personal data', async () => {
    const endpoint = await register();
    expect(endpoint.secret).toMatch(/^whsec_/);
    const body = bookingBody(setup, nextSlot(), {
      name: 'Maryam Private',
      mobile: '36009999',
      email: 'm@x.bh',
    });
    const booked = await book(t, body);
    expect(booked.statusCode).toBe(201);
    await t.app.jobs.runDueJobs();
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    if (!got) throw new Error('nothing received');
    expect(verify(endpoint.secret, got, t.clock.now())).toBe(true);
    expect(verify('whsec_wrong', got, t.clock.now())).toBe(false);
    expect(got.headers['mawaeed-event']).toBe('booking.created');
    const event = JSON.parse(got.body);
    expect(event).toMatchObject({
      type: 'booking.created',
      version: 1,
      data: {
        reference: booked.json().reference,
        status: 'confirmed',
        centre: { id: setup.centre.id },
        service: { id: setup.service.id },
        start: body.start,
      },
    });
    for (const secret of [body.customer.cpr, '36009999', 'Maryam', 'm@x.bh', booked.json().manageToken]) {
      expect(got.body).not.toContain(secret);
    }
  });

  it('tells of reschedules and cancellations, and only the events an endpoint chose', async () => {
    await register(['booking.cancelled']);
    const booked = (await book(t, bookingBody(setup, nextSlot()))).json();
    const moved = await manage(t, booked.reference, booked.manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: nextSlot() },
    });
    expect(moved.statusCode).toBe(200);
    await manage(t, booked.reference, booked.manageToken, '/cancel', { method: 'POST' });
    await t.app.jobs.runDueJobs();
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(['booking.cancelled']);
  });

  it('writes nothing for a change that rolls back', async () => {
    const endpoint = await register();
    const full = await book(t, { ...bookingBody(setup, nextSlot()), start: '2026-12-01T07:01:00+03:00' });
    expect(full.statusCode).toBe(422);
    expect(await deliveries(endpoint.id)).toEqual([]);
  });

  it('retries with backoff a receiver that fails twice, and shows every attempt', async () => {
    const endpoint = await register();
    receiver.answer([500, 503]);
    await book(t, bookingBody(setup, nextSlot()));
    await t.app.jobs.runDueJobs();
    expect(receiver.received).toHaveLength(1);
    // Not again before its backoff is over.
    await t.app.jobs.runDueJobs();
    expect(receiver.received).toHaveLength(1);
    await runJobsAndRetries(2);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: [
        { statusCode: 500, responseSnippet: 'receiver is down' },
        { statusCode: 503 },
        { statusCode: 200, responseSnippet: 'thanks' },
      ],
    });
    const listed = (await asStaff(t, admin, 'GET', '/api/v1/admin/webhooks')).json().items[0];
    expect(listed).toMatchObject({ enabled: true, consecutiveFailures: 0 });
  });

  it('resends a delivery with the same event and a fresh signature', async () => {
    const endpoint = await register();
    await book(t, bookingBody(setup, nextSlot()));
    await t.app.jobs.runDueJobs();
    const [delivery] = await deliveries(endpoint.id);
    t.clock.advance(10);
    const res = await asStaff(t, admin, 'POST', `/api/v1/admin/webhooks/deliveries/${delivery?.id}/resend`);
    expect(res.statusCode, res.body).toBe(200);
    await t.app.jobs.runDueJobs();
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received as [Received, Received];
    expect(second.body).toBe(first.body);
    expect(second.headers['mawaeed-signature']).not.toBe(first.headers['mawaeed-signature']);
    expect(verify(endpoint.secret, second, t.clock.now())).toBe(true);
  });

  it('disables an endpoint after N failures in a row, records it, and stops sending to it', async () => {
    const endpoint = await register();
    receiver.answer([500, 500, 500, 500, 500, 500]);
    await book(t, bookingBody(setup, nextSlot()));
    await runJobsAndRetries(5);
    expect(receiver.received).toHaveLength(3);
    const listed = (await asStaff(t, admin, 'GET', '/api/v1/admin/webhooks')).json().items[0];
    expect(listed).toMatchObject({
      enabled: false,
      consecutiveFailures: 3,
      disabledReason: '3 failed attempts in a row',
    });
    expect((await deliveries(endpoint.id))[0]?.status).toBe('failed');
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, endpoint.id), eq(auditLog.action, 'disable')));
    expect(audit).toMatchObject([{ actorKind: 'system', entity: 'webhook_endpoint' }]);
    // The administrators are told by e-mail, in both languages.
    await t.app.jobs.runDueJobs();
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/v1/dev/inbox' })).json().items as {
      to: string;
      subject: string | null;
      text: string;
    }[];
    const notice = inbox.find((m) => m.subject?.includes('disabled'));
    expect(notice?.to).toBe(`${adminEmail.slice(0, 1)}•••@${adminEmail.split('@')[1]}`);
    expect(notice?.subject).toContain('Case system');
    expect(notice?.text).toContain('3 failed attempts in a row');
    expect(notice?.text).toContain('تم إيقاف');
    // New events skip a disabled endpoint; turning it back on resumes.
    await book(t, bookingBody(setup, nextSlot()));
    expect(await deliveries(endpoint.id)).toHaveLength(1);
    const enabled = await asStaff(t, admin, 'PATCH', `/api/v1/admin/webhooks/${endpoint.id}`, {
      enabled: true,
    });
    expect(enabled.json()).toMatchObject({ enabled: true, consecutiveFailures: 0 });
    receiver.answer([]);
    await book(t, bookingBody(setup, nextSlot()));
    await t.app.jobs.runDueJobs();
    expect(receiver.received).toHaveLength(4);
    expect(
      await t.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, 'webhook.deliver'), eq(jobs.status, 'pending'))),
    ).toEqual([]);
  });

  it('is for administrators only, and shows the secret only once', async () => {
    const manager = await signIn(
      t,
      (await createStaff(t.db, { role: 'centre_manager', centreIds: [setup.centre.id] })).email,
    );
    expect((await asStaff(t, manager, 'GET', '/api/v1/admin/webhooks')).statusCode).toBe(403);
    const endpoint = await register();
    const listed = await asStaff(t, admin, 'GET', '/api/v1/admin/webhooks');
    expect(listed.body).not.toContain(endpoint.secret);
    const bad = await asStaff(t, admin, 'POST', '/api/v1/admin/webhooks', {
      name: 'x',
      url: 'ftp://x',
      events: ['booking.created'],
    });
    expect(bad.statusCode).toBe(400);
    const unknown = await asStaff(t, admin, 'POST', '/api/v1/admin/webhooks', {
      name: 'x',
      url: receiver.url,
      events: ['booking.nope'],
    });
    expect(unknown.statusCode).toBe(400);
  });
});
