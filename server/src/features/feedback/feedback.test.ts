import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devInbox, jobs, messages } from '../../db/schema';
import { at, bookAt, checkIn, counterAction, createHall, type HallSetup, walkIn } from '../../test/hall';
import { asStaff, createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';
import { startReceiver, verify } from '../../test/webhook-receiver';

let t: TestApp;
let hall: HallSetup;
let manager: Session;
let otherManager: Session;

beforeAll(async () => {
  t = await buildTestApp({
    env: { MAWAEED_PUBLIC_URL: 'https://mawaeed.test', MAWAEED_SESSION_IDLE_MINUTES: '1440' },
  });
  t.clock.set(TEST_NOW);
  hall = await createHall(t);
  manager = await signIn(
    t,
    (await createStaff(t.db, { role: 'centre_manager', centreIds: [hall.centreId] })).email,
  );
  otherManager = await signIn(t, (await createStaff(t.db, { role: 'centre_manager', centreIds: [] })).email);
  expect((await counterAction(t, hall.agent, hall.counter1.id, 'open')).statusCode).toBe(200);
});
afterAll(() => t.close());

/**
 * A booked visit at `hhmm`: checked in 5 minutes early, called at +8 (waited 8), served 6 minutes;
 * the person first withdraws the consents in `withdraw` through their manage link.
 */
async function serveBooked(hhmm: string, options: { email?: string; withdraw?: string[] } = {}) {
  await t.db.delete(devInbox);
  await t.db.delete(messages);
  await t.db.delete(jobs);
  t.clock.set(new Date(new Date(at(hhmm)).getTime() - 5 * 60_000));
  const booking = await bookAt(t, hall, hhmm, options.email ? { email: options.email } : {});
  for (const kind of options.withdraw ?? []) {
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${booking.reference}/consents`,
      headers: { authorization: `Bearer ${booking.manageToken}` },
      payload: { kind, state: 'withdrawn' },
    });
    expect(withdrawn.statusCode).toBe(200);
  }
  const ticket = (await checkIn(t, hall, { reference: booking.reference }, hall.receptionist)).json().ticket;
  t.clock.set(new Date(new Date(at(hhmm)).getTime() + 8 * 60_000));
  expect((await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket.id).toBe(
    ticket.id,
  );
  await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/start`);
  t.clock.advance(6);
  const finished = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/finish`);
  expect(finished.statusCode).toBe(200);
  await t.app.jobs.runDueJobs();
  const inbox = (await t.app.inject({ url: '/api/v1/dev/inbox' })).json().items as {
    channel: string;
    text: string;
  }[];
  return { booking, finished, inbox };
}

async function serveVisit(hhmm: string) {
  const { booking, finished, inbox } = await serveBooked(hhmm);
  const sms = inbox.find((m) => m.channel === 'sms' && m.text.includes('/feedback/'));
  const link = sms?.text.match(/https:\/\/mawaeed\.test\/feedback\/([A-Za-z0-9_-]+)/);
  if (!link?.[1]) throw new Error(`no feedback link in ${JSON.stringify(inbox)}`);
  return { token: link[1], booking, counterLink: finished.json().feedbackLink as string | null };
}

const answer = (token: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/feedback/${token}`, payload });

describe('visit feedback', () => {
  it('invites the person by SMS when served, and the link opens the visit without an account', async () => {
    const { token } = await serveVisit('09:30');
    const form = await t.app.inject({ url: `/api/v1/feedback/${token}` });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({ visitDate: '2026-11-29', centreName: { en: expect.any(String) } });
    // Nothing of who came.
    expect(form.body).not.toMatch(/Fatima|cpr|mobile/i);
  });

  it('invites only on the channels the person still consents to', async () => {
    const invitations = (inbox: { channel: string; text: string }[]) =>
      inbox
        .filter((m) => m.text.includes('/feedback/'))
        .map((m) => m.channel)
        .sort();
    expect(invitations((await serveBooked('13:00', { email: 'both@example.bh' })).inbox)).toEqual([
      'email',
      'sms',
    ]);
    const noEmail = await serveBooked('13:30', { email: 'no.email@example.bh', withdraw: ['email'] });
    expect(invitations(noEmail.inbox)).toEqual(['sms']);
    const noSurvey = await serveBooked('14:00', {
      email: 'none@example.bh',
      withdraw: ['feedback_invitations'],
    });
    expect(invitations(noSurvey.inbox)).toEqual([]);
    // The counter's tablet link is still there: the person is in front of the agent and may choose.
    expect(noSurvey.finished.json().feedbackLink).toMatch(/\/feedback\//);
  });

  it('gives the counter the same one-use link for its tablet, and a walk-in one too', async () => {
    const { token, counterLink } = await serveVisit('09:00');
    expect(counterLink).toBe(`https://mawaeed.test/feedback/${token}`);

    // A walk-in has no message to receive: the counter's tablet is their only way to the form.
    t.clock.set(new Date(at('13:00')));
    const issued = await walkIn(t, hall, { serviceId: hall.service.id }, hall.receptionist);
    expect(issued.statusCode).toBe(201);
    const ticketId = issued.json().id;
    await counterAction(t, hall.agent, hall.counter1.id, 'call-next');
    await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticketId}/start`);
    const finished = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticketId}/finish`);
    expect(finished.json()).toMatchObject({ status: 'served', feedbackLink: expect.any(String) });
    const walkInToken = finished.json().feedbackLink.split('/feedback/')[1];
    expect((await t.app.inject({ url: `/api/v1/feedback/${walkInToken}` })).statusCode).toBe(200);
    // Answered on the counter's tablet, where the agent is signed in: the staff cookie is not read
    // on a citizen's route, so it needs no CSRF token there and grants nothing.
    const given = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${walkInToken}`,
      headers: { cookie: hall.agent.headers.cookie },
      payload: { performance: 5, organisation: 4, quality: 5 },
    });
    expect(given.statusCode).toBe(201);
  });

  it('takes one answer per link: the second is refused and nothing is written twice', async () => {
    const { token } = await serveVisit('10:00');
    const first = await answer(token, {
      performance: 5,
      organisation: 4,
      quality: 5,
      comment: 'Quick and kind',
    });
    expect(first.statusCode).toBe(201);
    const again = await answer(token, { performance: 1, organisation: 1, quality: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('FEEDBACK_ALREADY_GIVEN');
    expect((await t.app.inject({ url: `/api/v1/feedback/${token}` })).json().code).toBe(
      'FEEDBACK_ALREADY_GIVEN',
    );
    const list = await t.app.inject({
      url: '/api/v1/dashboard/feedback?from=2026-11-29&to=2026-11-29',
      headers: manager.headers,
    });
    const mine = list.json().items.filter((f: { comment: string }) => f.comment === 'Quick and kind');
    expect(mine).toHaveLength(1);
    // Tied to the visit: its centre, service, counter, agent and waiting time (called 8 min after the start).
    expect(mine[0]).toMatchObject({
      centreId: hall.centreId,
      serviceId: hall.service.id,
      counterId: hall.counter1.id,
      waitingMinutes: 8,
      performance: 5,
      followUp: null,
    });
    expect(mine[0].staffId).toEqual(expect.any(String));
  });

  it('refuses ratings outside 1–5 and an unknown link', async () => {
    const { token } = await serveVisit('11:00');
    expect((await answer(token, { performance: 6, organisation: 4, quality: 4 })).statusCode).toBe(400);
    expect((await answer(token, { performance: 0, organisation: 4, quality: 4 })).statusCode).toBe(400);
    expect((await answer('x'.repeat(43), { performance: 4, organisation: 4, quality: 4 })).statusCode).toBe(
      404,
    );
    expect((await answer(token, { performance: 4, organisation: 4, quality: 4 })).statusCode).toBe(201);
  });

  it('opens a follow-up for the centre’s manager on a rating of 2 or less, closed with a note', async () => {
    const { token } = await serveVisit('11:30');
    const comment = '<script>alert(1)</script><b>rude</b> & slow';
    expect((await answer(token, { performance: 4, organisation: 2, quality: 4, comment })).statusCode).toBe(
      201,
    );
    const open = await t.app.inject({
      url: '/api/v1/dashboard/follow-ups?status=open',
      headers: manager.headers,
    });
    const items = open.json().items as { id: string; feedback: { comment: string; organisation: number } }[];
    expect(items).toHaveLength(1);
    // The comment comes back exactly as written, as data: the staff page shows it as text.
    expect(items[0]?.feedback).toMatchObject({ comment, organisation: 2 });
    // A manager of other centres sees none of it and cannot close it.
    expect(
      (await t.app.inject({ url: '/api/v1/dashboard/follow-ups', headers: otherManager.headers })).json()
        .items,
    ).toEqual([]);
    const id = items[0]?.id;
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dashboard/follow-ups/${id}/close`,
      headers: otherManager.headers,
      payload: { note: 'x' },
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/dashboard/follow-ups/${id}/close`,
          headers: manager.headers,
          payload: { note: '' },
        })
      ).statusCode,
    ).toBe(400);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dashboard/follow-ups/${id}/close`,
      headers: manager.headers,
      payload: { note: 'Called the customer; queue signage fixed.' },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      note: 'Called the customer; queue signage fixed.',
    });
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dashboard/follow-ups/${id}/close`,
      headers: manager.headers,
      payload: { note: 'again' },
    });
    expect(twice.json().code).toBe('FOLLOW_UP_CLOSED');
    expect(
      (
        await t.app.inject({ url: '/api/v1/dashboard/follow-ups?status=open', headers: manager.headers })
      ).json().items,
    ).toEqual([]);
  });

  // Last: it moves the clock a week on.
  it('refuses a link after its 7 days', async () => {
    const { token } = await serveVisit('10:30');
    t.clock.advance(7 * 24 * 60 + 1);
    const late = await answer(token, { performance: 4, organisation: 4, quality: 4 });
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('FEEDBACK_LINK_EXPIRED');
  });

  it('tells a subscribed partner of the answer with its ratings, never the comment', async () => {
    const receiver = await startReceiver();
    try {
      // The earlier tests moved the clock on past the hall's sessions: a fresh administrator.
      t.clock.set(TEST_NOW);
      const admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
      const hook = await asStaff(t, admin, 'POST', '/api/v1/admin/webhooks', {
        name: 'Quality office',
        url: receiver.url,
        events: ['feedback.received'],
      });
      expect(hook.statusCode, hook.body).toBe(201);
      const { token } = await serveVisit('12:30');
      const comment = 'Fatima here, call me on 36001234 please';
      const res = await answer(token, { performance: 2, organisation: 4, quality: 5, comment });
      expect(res.statusCode, res.body).toBe(201);
      await t.app.jobs.runDueJobs();
      const got = receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: object });
      expect(got).toMatchObject([
        {
          type: 'feedback.received',
          data: {
            centre: { id: hall.centreId, code: hall.centre.code },
            ratings: { performance: 2, organisation: 4, quality: 5 },
            withComment: true,
            followUp: true,
            waitingMinutes: 8,
          },
        },
      ]);
      expect(verify(hook.json().secret, receiver.received[0] as never, t.clock.now())).toBe(true);
      expect(receiver.received[0]?.body).not.toContain('Fatima');
      expect(receiver.received[0]?.body).not.toContain('36001234');
    } finally {
      await receiver.close();
    }
  });
});
