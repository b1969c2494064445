import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingHistory, bookings, customerFileAccess, customers, feedback, messages } from '../../db/schema';
import { customerNotes } from '../../db/schema-hall';
import { auditLog } from '../../db/schema-staff';
import { book, bookingBody, nextCpr } from '../../test/bookings';
import { at, checkIn, counterAction, createHall, type HallSetup, request } from '../../test/hall';
import { asStaff, createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';

let t: TestApp;
let hall: HallSetup;
let manager: Session;
let otherManager: Session;
let receptionist: Session;

/** The person whose file the tests read: booked, served, rated with a comment. */
const person = {
  cpr: nextCpr(),
  name: 'Maryam Yusuf Haddad',
  mobile: '36551299',
  email: 'maryam@example.bh',
};
let customerId = '';
let reference = '';

beforeAll(async () => {
  t = await buildTestApp({
    env: { MAWAEED_PUBLIC_URL: 'https://mawaeed.test', MAWAEED_SESSION_IDLE_MINUTES: '1440' },
  });
  hall = await createHall(t);
  manager = await signIn(
    t,
    (await createStaff(t.db, { role: 'centre_manager', centreIds: [hall.centreId] })).email,
  );
  otherManager = await signIn(t, (await createStaff(t.db, { role: 'centre_manager', centreIds: [] })).email);
  receptionist = hall.receptionist;
  expect((await counterAction(t, hall.agent, hall.counter1.id, 'open')).statusCode).toBe(200);

  // A visit: booked at 09:30, checked in, called at 09:38, served, rated from the SMS link.
  t.clock.set(new Date(new Date(at('09:30')).getTime() - 5 * 60_000));
  const booked = await book(t, bookingBody(hall, at('09:30'), { ...person, language: 'en' }));
  expect(booked.statusCode).toBe(201);
  reference = booked.json().reference;
  const ticket = (await checkIn(t, hall, { reference }, hall.receptionist)).json().ticket;
  t.clock.set(new Date(new Date(at('09:30')).getTime() + 8 * 60_000));
  await counterAction(t, hall.agent, hall.counter1.id, 'call-next');
  await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/start`);
  t.clock.advance(6);
  await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/notes`, {
    text: 'Maryam brought the old passport',
  });
  expect(
    (await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/finish`)).statusCode,
  ).toBe(200);
  await t.app.jobs.runDueJobs();
  const inbox = (await t.app.inject({ url: '/api/v1/dev/inbox' })).json().items as { text: string }[];
  const token = inbox.map((m) => m.text.match(/\/feedback\/([A-Za-z0-9_-]+)/)?.[1]).find(Boolean);
  const rated = await t.app.inject({
    method: 'POST',
    url: `/api/v1/feedback/${token}`,
    payload: {
      performance: 2,
      organisation: 4,
      quality: 5,
      comment: `Maryam here, call me on ${person.mobile}`,
    },
  });
  expect(rated.statusCode).toBe(201);
  const found = await search(hall.admin, { cpr: person.cpr });
  customerId = found.json().items[0].id;
  const note = await asStaff(t, manager, 'POST', `/api/v1/staff/customers/${customerId}/notes`, {
    text: `Maryam Yusuf Haddad asked for a callback on ${person.mobile}`,
  });
  expect(note.statusCode).toBe(201);
});
afterAll(() => t.close());

function search(as: Session, payload: object) {
  return asStaff(t, as, 'POST', '/api/v1/staff/customers/search', payload);
}
function open(as: Session, id: string, payload: object) {
  return asStaff(t, as, 'POST', `/api/v1/staff/customers/${id}/open`, payload);
}
async function accessRows(id: string) {
  return (await t.db.select().from(customerFileAccess)).filter((r) => r.customerId === id);
}

describe('finding a file', () => {
  it.each([
    ['cpr', () => ({ cpr: person.cpr })],
    ['reference', () => ({ reference })],
    ['mobile', () => ({ mobile: person.mobile })],
  ])('finds the person by %s, with CPR and mobile masked', async (_key, body) => {
    const res = await search(manager, body());
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        id: customerId,
        name: person.name,
        cprMasked: `•••••${person.cpr.slice(-4)}`,
        mobileMasked: '+973 •••• ••99',
      }),
    ]);
    expect(res.body).not.toContain(person.cpr);
    expect(res.body).not.toContain(person.mobile);
  });

  it('takes exactly one key, in the body: none or two is a 400 problem', async () => {
    for (const payload of [{}, { cpr: person.cpr, mobile: person.mobile }, { cpr: '12' }]) {
      const res = await search(manager, payload);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('shows a manager of another centre nothing, and refuses other roles', async () => {
    expect((await search(otherManager, { cpr: person.cpr })).json().items).toEqual([]);
    expect((await search(receptionist, { cpr: person.cpr })).statusCode).toBe(403);
  });
});

describe('opening a file', () => {
  it('logs who opened it and why, and shows the whole file with the CPR masked for a manager', async () => {
    const before = (await accessRows(customerId)).length;
    const res = await open(manager, customerId, { reason: 'complaint' });
    expect(res.statusCode).toBe(200);
    const file = res.json();
    expect(file.contact).toMatchObject({
      name: person.name,
      cpr: `•••••${person.cpr.slice(-4)}`,
      cprMasked: true,
      mobileMasked: '+973 •••• ••99',
      language: 'en',
    });
    expect(res.body).not.toContain(person.cpr);
    expect(file.bookings).toEqual([expect.objectContaining({ reference, status: 'served' })]);
    expect(file.visits).toEqual([expect.objectContaining({ status: 'served', waitingMinutes: 8 })]);
    expect(file.feedback).toEqual([expect.objectContaining({ performance: 2, quality: 5 })]);
    expect(file.followUps).toEqual([expect.objectContaining({ status: 'open' })]);
    expect(file.messages.map((m: { kind: string }) => m.kind)).toContain('survey');
    expect(file.messages[0]).not.toHaveProperty('content');
    expect(file.notes.length).toBeGreaterThanOrEqual(1);
    expect(file.noShows).toMatchObject({
      count: 0,
      limit: 3,
      windowDays: 90,
      policy: 'block',
      limitLiftsAt: null,
    });
    expect(file.consents.current).toEqual([
      { kind: 'sms_reminders', state: 'given', channel: null, at: null },
      { kind: 'email', state: 'given', channel: null, at: null },
      { kind: 'feedback_invitations', state: 'given', channel: null, at: null },
    ]);
    const rows = await accessRows(customerId);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ reason: 'complaint' });
  });

  it('shows the administrator the CPR in full', async () => {
    const res = await open(hall.admin, customerId, { reason: 'audit' });
    expect(res.json().contact).toMatchObject({ cpr: person.cpr, cprMasked: false });
  });

  it('shows a manager only what happened at their own centres; the administrator all of it', async () => {
    const elsewhere = await createHall(t);
    const traveller = { cpr: nextCpr(), name: 'Ali Hasan', mobile: '36551300', language: 'en' as const };
    const here = await book(t, bookingBody(hall, at('12:00'), traveller));
    const there = await book(t, bookingBody(elsewhere, at('12:30'), traveller));
    expect([here.statusCode, there.statusCode]).toEqual([201, 201]);
    const id = (await search(hall.admin, { cpr: traveller.cpr })).json().items[0].id;

    const seen = (await open(manager, id, { reason: 'counter_enquiry' })).json();
    expect(seen.bookings.map((b: { reference: string }) => b.reference)).toEqual([here.json().reference]);
    expect(JSON.stringify(seen)).not.toContain(elsewhere.centreId);
    expect(seen.messages).toHaveLength(1);

    const all = (await open(hall.admin, id, { reason: 'audit' })).json();
    expect(all.bookings).toHaveLength(2);
    expect(all.messages).toHaveLength(2);
  });

  it('refuses an opening without a reason from the list, and logs nothing', async () => {
    const before = (await accessRows(customerId)).length;
    for (const payload of [{}, { reason: 'curiosity' }]) {
      const res = await open(manager, customerId, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect(await accessRows(customerId)).toHaveLength(before);
  });

  it('answers 404 to a manager of another centre, 403 to a receptionist, and logs nothing', async () => {
    const before = (await accessRows(customerId)).length;
    const other = await open(otherManager, customerId, { reason: 'complaint' });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(person.name);
    expect((await open(receptionist, customerId, { reason: 'complaint' })).statusCode).toBe(403);
    expect((await open(manager, 'not-a-uuid', { reason: 'complaint' })).statusCode).toBe(400);
    expect(await accessRows(customerId)).toHaveLength(before);
  });

  it('lists the access log to administrators only', async () => {
    const log = await asStaff(t, hall.admin, 'GET', `/api/v1/staff/customers/${customerId}/access-log`);
    expect(log.statusCode).toBe(200);
    expect(log.json().items.map((i: { reason: string }) => i.reason)).toEqual(['audit', 'complaint']);
    expect(
      (await asStaff(t, manager, 'GET', `/api/v1/staff/customers/${customerId}/access-log`)).statusCode,
    ).toBe(403);
  });

  it('records a consent withdrawn by staff, and keeps its history', async () => {
    const res = await asStaff(t, manager, 'POST', `/api/v1/staff/customers/${customerId}/consents`, {
      kind: 'sms_reminders',
      state: 'withdrawn',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().current[0]).toMatchObject({
      kind: 'sms_reminders',
      state: 'withdrawn',
      channel: 'staff',
    });
    expect(res.json().history).toHaveLength(1);
    const bad = await asStaff(t, manager, 'POST', `/api/v1/staff/customers/${customerId}/consents`, {
      kind: 'carrier_pigeon',
      state: 'withdrawn',
    });
    expect(bad.statusCode).toBe(400);
    expect(res.json().history).toHaveLength(1);
  });
});

describe('consent to feedback invitations', () => {
  it('sends no invitation to a person who withdrew it; the counter still gets the link', async () => {
    const cpr = nextCpr();
    t.clock.set(new Date(new Date(at('11:30')).getTime() - 5 * 60_000));
    const booked = await book(t, bookingBody(hall, at('11:30'), { cpr, mobile: '36771122' }));
    const id = (await search(hall.admin, { cpr })).json().items[0].id as string;
    await asStaff(t, manager, 'POST', `/api/v1/staff/customers/${id}/consents`, {
      kind: 'feedback_invitations',
      state: 'withdrawn',
    });
    const ticket = (await checkIn(t, hall, { reference: booked.json().reference }, hall.receptionist)).json()
      .ticket;
    t.clock.advance(10);
    await counterAction(t, hall.agent, hall.counter1.id, 'call-next');
    await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/start`);
    t.clock.advance(5);
    const finished = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/finish`);
    expect(finished.statusCode).toBe(200);
    const file = (await open(hall.admin, id, { reason: 'audit' })).json();
    expect(file.visits).toEqual([expect.objectContaining({ status: 'served' })]);
    expect(file.messages.map((m: { kind: string }) => m.kind)).not.toContain('survey');
    expect(file.messages.length).toBeGreaterThan(0);
  });
});

describe('consents at the counter', () => {
  it('the agent records the served person’s answer; the file shows it through the counter, by whom', async () => {
    const cpr = nextCpr();
    t.clock.set(new Date(new Date(at('10:45')).getTime() - 5 * 60_000));
    const booked = await book(t, bookingBody(hall, at('10:45'), { cpr, mobile: '36771133' }));
    const ticket = (await checkIn(t, hall, { reference: booked.json().reference }, hall.receptionist)).json()
      .ticket;
    const url = `tickets/${ticket.id}/consents`;
    const read = () =>
      request(t, 'GET', `/api/v1/counters/${hall.counter1.id}/${url}`, undefined, hall.agent);
    // Not at this counter yet: nothing to read.
    expect((await read()).json().code).toBe('TICKET_NOT_AT_COUNTER');
    t.clock.advance(5);
    expect((await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket.id).toBe(
      ticket.id,
    );
    const before = await read();
    expect(before.statusCode).toBe(200);
    expect(before.json().current.map((c: { state: string }) => c.state)).toEqual(['given', 'given', 'given']);
    const set = await counterAction(t, hall.agent, hall.counter1.id, url, {
      kind: 'email',
      state: 'withdrawn',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().current).toContainEqual(
      expect.objectContaining({ kind: 'email', state: 'withdrawn', channel: 'counter' }),
    );
    // Nothing but the three choices reaches the counter.
    expect(set.body).not.toMatch(/36771133|Fatima|cpr/i);
    // Another centre's manager, a receptionist, and an odd answer get nothing.
    for (const as of [otherManager, receptionist]) {
      expect([403, 404]).toContain(
        (await counterAction(t, as, hall.counter1.id, url, { kind: 'email', state: 'given' })).statusCode,
      );
    }
    expect(
      (await counterAction(t, hall.agent, hall.counter1.id, url, { kind: 'email', state: 'maybe' }))
        .statusCode,
    ).toBe(400);
    const id = (await search(hall.admin, { cpr })).json().items[0].id as string;
    const file = (await open(hall.admin, id, { reason: 'audit' })).json();
    expect(file.consents.history).toEqual([
      expect.objectContaining({
        kind: 'email',
        state: 'withdrawn',
        channel: 'counter',
        staffId: expect.any(String),
      }),
    ]);
    await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/start`);
    await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/finish`);
    // Served and gone: the counter no longer reaches their choices.
    expect((await read()).statusCode).toBe(409);
  });
});

describe('data-subject requests', () => {
  it('exports everything of the person as a JSON download, CPR in full (administrators only)', async () => {
    expect(
      (await asStaff(t, manager, 'POST', `/api/v1/staff/customers/${customerId}/export`)).statusCode,
    ).toBe(403);
    const res = await asStaff(t, hall.admin, 'POST', `/api/v1/staff/customers/${customerId}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.customer).toMatchObject({
      cpr: person.cpr,
      name: person.name,
      mobile: `+973${person.mobile}`,
    });
    expect(data.bookings).toEqual([expect.objectContaining({ reference })]);
    expect(data.notes.map((n: { text: string }) => n.text)).toContain(
      `Maryam Yusuf Haddad asked for a callback on ${person.mobile}`,
    );
    expect(data.feedback[0].comment).toContain('Maryam here');
    expect(data.consents).toHaveLength(1);
  });

  it('erases the person: no CPR, name or mobile left in customers, notes, feedback or audit; KPIs unchanged', async () => {
    // A booking they cancelled with a reason in their own words: the history keeps the event, not the words.
    const cancelled = (await book(t, bookingBody(hall, at('12:00'), { ...person, language: 'en' }))).json();
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${cancelled.reference}/cancel`,
      headers: { authorization: `Bearer ${cancelled.manageToken}` },
      payload: { reason: 'Maryam Yusuf Haddad is travelling' },
    });
    expect(cancel.statusCode).toBe(200);
    const kpiUrl = `/api/v1/kpis?from=2026-11-29&to=2026-11-29&centreId=${hall.centreId}`;
    const kpisBefore = (await asStaff(t, hall.admin, 'GET', kpiUrl)).json();
    const auditBefore = (await t.db.select().from(auditLog)).length;
    expect(
      (await asStaff(t, hall.admin, 'POST', `/api/v1/staff/customers/${customerId}/erase`, {})).statusCode,
    ).toBe(400);
    const res = await asStaff(t, hall.admin, 'POST', `/api/v1/staff/customers/${customerId}/erase`, {
      confirm: true,
    });
    expect(res.statusCode).toBe(200);
    const everything = JSON.stringify([
      await t.db.select().from(customers),
      await t.db.select().from(bookings),
      await t.db.select().from(bookingHistory),
      await t.db.select().from(messages),
      await t.db.select().from(customerNotes),
      await t.db.select().from(feedback),
      await t.db.select().from(auditLog),
    ]);
    for (const secret of [person.cpr, person.name, 'Maryam', person.mobile, person.email]) {
      expect(everything).not.toContain(secret);
    }
    // The audit log stays whole: one more row, naming the customer by id only.
    const audit = await t.db.select().from(auditLog);
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit.at(-1)).toMatchObject({ action: 'erase', entity: 'customer', entityId: customerId });
    expect((await asStaff(t, hall.admin, 'GET', kpiUrl)).json()).toEqual(kpisBefore);
    // The ratings stay, without the comment.
    const file = (await open(hall.admin, customerId, { reason: 'audit' })).json();
    expect(file.feedback).toEqual([expect.objectContaining({ performance: 2, comment: null })]);
    expect(file.visits).toHaveLength(1);
    expect(file.notes).toEqual([]);
    expect(file.anonymisedAt).toBe(new Date(t.clock.now()).toISOString());
    // The same CPR no longer finds the file, and books anew as a new customer.
    expect((await search(hall.admin, { cpr: person.cpr })).json().items).toEqual([]);
    t.clock.set(TEST_NOW);
    const again = await book(t, bookingBody(hall, at('11:00'), { ...person, language: 'en' }));
    expect(again.statusCode).toBe(201);
    const found = (await search(hall.admin, { cpr: person.cpr })).json().items;
    expect(found).toHaveLength(1);
    expect(found[0].id).not.toBe(customerId);
  });
});
