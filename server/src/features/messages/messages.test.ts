import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { devInbox, jobs, messages } from '../../db/schema';
import { book, bookingBody, manage } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';

let t: TestApp;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;
let admin: Session;
const slotAt = (time: string, date = '2026-12-01') => `${date}T${time}:00+03:00`;

beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_PUBLIC_URL: 'https://mawaeed.test' } });
  setup = await createOfferingSetup(t.db, { offering: { capacity: 1 } });
  admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.set(TEST_NOW);
  await t.db.delete(devInbox);
  await t.db.delete(messages);
  await t.db.delete(jobs);
});

async function inbox() {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/dev/inbox' });
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    channel: string;
    language: string | null;
    to: string;
    subject: string | null;
    text: string;
    attachments: { filename: string }[];
  }[];
}

async function staffList(query = '') {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/admin/messages${query}`,
    headers: admin.headers,
  });
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    kind: string;
    channel: string;
    status: string;
    recipient: string;
    reference: string;
  }[];
}

describe('booking messages through the outbox', () => {
  it('writes the confirmation with the booking, and delivers it by SMS and e-mail with the calendar file', async () => {
    const body = bookingBody(setup, slotAt('08:30'), {
      email: 'fatima@example.bh',
      language: 'en',
      cpr: '870512345',
    });
    const res = await book(t, body);
    expect(res.statusCode).toBe(201);
    const { reference, manageToken } = res.json();
    expect((await staffList()).map((m) => [m.kind, m.channel, m.status]).sort()).toEqual([
      ['confirmation', 'email', 'pending'],
      ['confirmation', 'sms', 'pending'],
    ]);
    await t.app.jobs.runDueJobs();
    const delivered = await inbox();
    expect(delivered.map((m) => m.language)).toEqual(['en', 'en']);
    const sms = delivered.find((m) => m.channel === 'sms');
    const email = delivered.find((m) => m.channel === 'email');
    expect(sms?.text).toContain(`${reference.slice(0, 4)}-${reference.slice(4)}`);
    expect(sms?.text).toContain('Tue 1 Dec 2026, 8:30am');
    expect(email?.subject).toContain('is confirmed');
    expect(email?.attachments.map((a) => a.filename)).toEqual(['mawaeed-booking.ics']);
    // The link in the message opens the booking.
    const link = /https:\/\/mawaeed\.test\/manage\/(\w+)#token=([\w-]+)/.exec(sms?.text ?? '');
    expect(link?.[1]).toBe(reference);
    expect(link?.[2]).toBe(manageToken);
    expect((await manage(t, reference, link?.[2])).statusCode).toBe(200);
    // Nothing personal in the clear: the CPR nowhere, the mobile and token sealed in the outbox.
    const rows = await queryRows<{ row: string }>(t.db, sql`SELECT m::text AS row FROM messages m`);
    for (const r of rows) {
      expect(r.row).not.toContain('870512345');
      expect(r.row).not.toContain('36001234');
      expect(r.row).not.toContain(manageToken);
    }
    expect((await staffList('?status=sent')).map((m) => m.recipient).sort()).toEqual([
      '+973 •••• ••34',
      'f•••@example.bh',
    ]);
  });

  it('leaves no message when the booking rolls back', async () => {
    expect((await book(t, bookingBody(setup, slotAt('09:00')))).statusCode).toBe(201);
    await t.db.delete(messages);
    await t.db.delete(jobs);
    const full = await book(t, bookingBody(setup, slotAt('09:00')));
    expect(full.json().code).toBe('SLOT_FULL');
    expect(await staffList()).toEqual([]);
    expect(await queryRows(t.db, sql`SELECT id FROM jobs`)).toEqual([]);
  });

  it('tells of a reschedule and a cancellation in the booking’s language', async () => {
    const created = (await book(t, bookingBody(setup, slotAt('09:30'), { language: 'ar' }))).json();
    const moved = await manage(t, created.reference, created.manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: slotAt('10:00') },
    });
    expect(moved.statusCode).toBe(200);
    const cancelled = await manage(t, created.reference, created.manageToken, '/cancel', { method: 'POST' });
    expect(cancelled.statusCode).toBe(200);
    await t.app.jobs.runDueJobs();
    // Delivered in parallel: find each by its words, not its order.
    const delivered = await inbox();
    expect(delivered.map((m) => m.language)).toEqual(['ar', 'ar', 'ar']);
    const texts = delivered.map((m) => m.text);
    expect(texts).toHaveLength(3);
    expect(texts.filter((x) => x.includes('تم حجز'))).toHaveLength(1);
    expect(texts.find((x) => x.includes('نُقل موعد'))).toContain('10:00 ص');
    expect(texts.filter((x) => x.includes('أُلغي الحجز'))).toHaveLength(1);
  });
});

describe('reminders', () => {
  it('go 24 h and 2 h before, and not for a cancelled booking', async () => {
    const kept = (await book(t, bookingBody(setup, slotAt('11:00')))).json();
    const dropped = (await book(t, bookingBody(setup, slotAt('11:30')))).json();
    await manage(t, dropped.reference, dropped.manageToken, '/cancel', { method: 'POST' });
    await t.app.jobs.runDueJobs();
    const before = (await inbox()).length;
    t.clock.set('2026-11-30T08:00:00Z'); // 24 h before 11:00 Bahrain
    await t.app.jobs.runDueJobs();
    let reminders = (await inbox()).slice(0, (await inbox()).length - before);
    expect(reminders.map((m) => m.text)).toEqual([
      expect.stringContaining(`reminder ${kept.reference.slice(0, 4)}`),
    ]);
    t.clock.set('2026-12-01T06:00:00Z'); // 2 h before
    await t.app.jobs.runDueJobs();
    reminders = (await inbox()).slice(0, (await inbox()).length - before);
    expect(reminders).toHaveLength(2);
  });

  it('follow a moved booking: the old time’s reminders are skipped, the new time’s sent', async () => {
    const b = (await book(t, bookingBody(setup, slotAt('12:00')))).json();
    await manage(t, b.reference, b.manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: slotAt('12:00', '2026-12-02') },
    });
    await t.app.jobs.runDueJobs();
    const before = (await inbox()).length;
    t.clock.set('2026-11-30T09:00:00Z'); // 24 h before the old time: nothing
    await t.app.jobs.runDueJobs();
    expect((await inbox()).length).toBe(before);
    t.clock.set('2026-12-01T09:00:00Z'); // 24 h before the new time
    await t.app.jobs.runDueJobs();
    const [latest] = await inbox();
    expect(latest?.text).toContain('Wed 2 Dec 2026, 12:00pm');
  });
});

describe('reminders, continued', () => {
  const reminderTexts = async () =>
    (await inbox()).filter((m) => m.text.includes('reminder')).map((m) => m.text);

  it('moved away and back: one reminder per offset, at the time it is at', async () => {
    const b = (await book(t, bookingBody(setup, slotAt('13:00')))).json();
    for (const start of [slotAt('13:00', '2026-12-03'), slotAt('13:00')]) {
      const moved = await manage(t, b.reference, b.manageToken, '/reschedule', {
        method: 'POST',
        payload: { start },
      });
      expect(moved.statusCode).toBe(200);
    }
    t.clock.set('2026-11-30T10:00:00Z'); // 24 h before 13:00 on 1 December
    await t.app.jobs.runDueJobs();
    t.clock.set('2026-12-01T08:00:00Z'); // 2 h before
    await t.app.jobs.runDueJobs();
    t.clock.set('2026-12-02T10:00:00Z'); // 24 h before the abandoned time: nothing
    await t.app.jobs.runDueJobs();
    const texts = await reminderTexts();
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).toContain('Tue 1 Dec 2026, 1:00pm');
  });

  it('none for a booking an admin change cancelled after its reminders were queued', async () => {
    const own = await createOfferingSetup(t.db);
    const b = (await book(t, bookingBody(own, slotAt('08:00', '2026-12-02')))).json();
    const closed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/closures',
      headers: admin.headers,
      payload: {
        centreIds: [own.centre.id],
        date: '2026-12-02',
        kind: 'closure',
        name: { en: 'Works', ar: 'أعمال' },
        onAffected: 'cancel',
      },
    });
    expect(closed.statusCode).toBe(201);
    for (const at of ['2026-12-01T05:00:00Z', '2026-12-02T03:00:00Z']) {
      t.clock.set(at);
      await t.app.jobs.runDueJobs();
    }
    expect(await reminderTexts()).toEqual([]);
    expect((await inbox()).some((m) => m.text.includes(`${b.reference.slice(0, 4)}-`))).toBe(true);
  });
});

describe('reminders as configured', () => {
  it('go only at the configured offsets (MAWAEED_REMINDERS=30m), and none with "none"', async () => {
    for (const [setting, expected] of [
      ['30m', 1],
      ['none', 0],
    ] as const) {
      const other = await buildTestApp({ env: { MAWAEED_REMINDERS: setting } });
      try {
        const s = await createOfferingSetup(other.db);
        const res = await other.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          payload: bookingBody(s, slotAt('11:00')),
        });
        expect(res.statusCode).toBe(201);
        const sent: string[] = [];
        for (const at of ['2026-11-30T08:00:00Z', '2026-12-01T06:00:00Z', '2026-12-01T07:30:00Z']) {
          other.clock.set(at);
          await other.app.jobs.runDueJobs();
          const items = (await other.app.inject({ url: '/api/v1/dev/inbox' })).json().items as {
            text: string;
          }[];
          sent.push(`${at}: ${items.filter((m) => m.text.includes('reminder')).length}`);
        }
        // Nothing 24 h or 2 h before; at 30 minutes before, the one configured.
        expect(sent).toEqual([
          '2026-11-30T08:00:00Z: 0',
          '2026-12-01T06:00:00Z: 0',
          `2026-12-01T07:30:00Z: ${expected}`,
        ]);
      } finally {
        await other.close();
      }
    }
  });
});

describe('the staff message list', () => {
  it('needs staff credentials', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/messages' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('is for administrators and centre managers, not counter agents', async () => {
    const agent = await signIn(
      t,
      (await createStaff(t.db, { role: 'counter_agent', centreIds: [setup.centre.id] })).email,
    );
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/messages', headers: agent.headers });
    expect(res.statusCode).toBe(403);
  });

  it("shows a centre manager only their centres' messages, and administrators every one", async () => {
    const mine = await createOfferingSetup(t.db);
    const other = await createOfferingSetup(t.db);
    const booked = [
      await book(t, bookingBody(mine, slotAt('09:00'))),
      await book(t, bookingBody(other, slotAt('09:00'))),
    ];
    expect(booked.map((r) => r.statusCode)).toEqual([201, 201]);
    const [ours, theirs] = booked.map((r) => r.json());
    const manager = await signIn(
      t,
      (await createStaff(t.db, { role: 'centre_manager', centreIds: [mine.centre.id] })).email,
    );
    const list = async (session: Session, query = '') => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/admin/messages${query}`,
        headers: session.headers,
      });
      return {
        status: res.statusCode,
        references: (res.json().items ?? []).map((m: { reference: string }) => m.reference),
      };
    };
    expect(await list(manager)).toEqual({ status: 200, references: [ours.reference] });
    // Asking for the other centre by its id tells them nothing about it.
    expect((await list(manager, `?centreId=${other.centre.id}`)).status).toBe(404);
    expect((await list(admin)).references.sort()).toEqual([ours.reference, theirs.reference].sort());
    expect(await list(admin, `?centreId=${other.centre.id}`)).toEqual({
      status: 200,
      references: [theirs.reference],
    });
  });

  it('answers 404 to a retry of a message that has not failed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/messages/00000000-0000-4000-8000-000000000000/retry',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});
