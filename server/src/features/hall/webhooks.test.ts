import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, bookAt, checkIn, counterAction, createHall, type HallSetup, walkIn } from '../../test/hall';
import { asStaff } from '../../test/staff';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';
import { startReceiver, verify } from '../../test/webhook-receiver';

let t: TestApp;
let hall: HallSetup;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_SESSION_IDLE_MINUTES: '720' } });
  t.clock.set(TEST_NOW);
  hall = await createHall(t);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});

const events = () =>
  receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });

describe('hall webhooks', () => {
  it('tells a partner of check-in, call, service and no-show, with numbers and codes but no person', async () => {
    const res = await asStaff(t, hall.admin, 'POST', '/api/v1/admin/webhooks', {
      name: 'Case system',
      url: receiver.url,
      events: ['ticket.checked_in', 'ticket.called', 'ticket.served', 'ticket.no_show'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { secret } = res.json() as { secret: string };

    const booking = await bookAt(t, hall, '09:30');
    const ticket = (await checkIn(t, hall, { reference: booking.reference }, hall.receptionist)).json()
      .ticket;
    t.clock.set(at('09:26'));
    await counterAction(t, hall.agent, hall.counter1.id, 'open');
    expect((await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket.id).toBe(
      ticket.id,
    );
    for (const action of ['start', 'finish']) {
      const done = await counterAction(t, hall.agent, hall.counter1.id, `tickets/${ticket.id}/${action}`);
      expect(done.statusCode, action).toBe(200);
    }
    // A walk-in called and never seen.
    const issued = await walkIn(t, hall, { serviceId: hall.service.id }, hall.kiosk);
    expect(issued.statusCode, issued.body).toBe(201);
    const called = (await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).json().ticket;
    await counterAction(t, hall.agent, hall.counter1.id, `tickets/${called.id}/no-show`);

    await t.app.jobs.runDueJobs();
    // Delivered by the outbox, whose jobs share one instant here: compare the set, not the order.
    expect(
      events()
        .map((e) => `${e.type}:${e.data.number}`)
        .sort(),
    ).toEqual(
      [
        `ticket.checked_in:${ticket.number}`,
        `ticket.called:${ticket.number}`,
        `ticket.served:${ticket.number}`,
        `ticket.checked_in:${called.number}`,
        `ticket.called:${called.number}`,
        `ticket.no_show:${called.number}`,
      ].sort(),
    );
    const byType = (type: string, number: string) =>
      events().find((e) => e.type === type && e.data.number === number);
    const served = byType('ticket.served', ticket.number);
    expect(served?.data).toMatchObject({
      reference: booking.reference,
      status: 'served',
      kind: 'appointment',
      centre: { id: hall.centreId, code: hall.centre.code },
      service: { id: hall.service.id, code: hall.service.code },
      counter: { number: 1 },
    });
    expect(byType('ticket.checked_in', called.number)?.data).toMatchObject({
      reference: null,
      kind: 'walk_in',
      counter: null,
    });
    for (const received of receiver.received) {
      expect(verify(secret, received, t.clock.now())).toBe(true);
      expect(received.body).not.toContain('Fatima');
      expect(received.body).not.toContain(booking.cpr);
      expect(received.body).not.toContain(booking.manageToken);
    }
  });
});
