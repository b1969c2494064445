import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALL_POLICY,
  orderQueue,
  peopleAhead,
  pickNextTicket,
  type QueuedTicket,
} from './call-policy';

const now = new Date('2026-12-01T06:00:00Z'); // 09:00 in Bahrain
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+03:00`);
const passports = new Set(['P']);

function ticket(id: string, over: Partial<QueuedTicket>): QueuedTicket {
  return { id, serviceId: 'P', priority: false, appointmentAt: null, queuedAt: at('08:50'), ...over };
}

const order = (tickets: QueuedTicket[], services = passports) =>
  orderQueue(tickets, { services, now }).map((t) => t.id);

describe('the call policy', () => {
  it('calls a priority ticket before everyone', () => {
    expect(
      order([
        ticket('appointment', { appointmentAt: at('08:45'), queuedAt: at('08:40') }),
        ticket('walk-in', { queuedAt: at('08:00') }),
        ticket('elderly', { priority: true, queuedAt: at('08:59') }),
      ])[0],
    ).toBe('elderly');
  });

  it('lets a priority ticket wait its turn where the centre turned priority off', () => {
    const tickets = [
      ticket('walk-in', { queuedAt: at('08:00') }),
      ticket('elderly', { priority: true, queuedAt: at('08:59') }),
    ];
    const policy = { ...DEFAULT_CALL_POLICY, priorityFirst: false };
    expect(orderQueue(tickets, { services: passports, now, policy }).map((t) => t.id)).toEqual([
      'walk-in',
      'elderly',
    ]);
  });

  it('moves a walk-in ahead of due appointments after the centre’s own threshold', () => {
    const tickets = [
      ticket('due', { appointmentAt: at('09:00'), queuedAt: at('08:55') }),
      ticket('walk-in', { queuedAt: at('08:45') }),
    ];
    const policy = (walkInMaxWaitMinutes: number) => ({ ...DEFAULT_CALL_POLICY, walkInMaxWaitMinutes });
    expect(orderQueue(tickets, { services: passports, now, policy: policy(30) })[0]?.id).toBe('due');
    expect(orderQueue(tickets, { services: passports, now, policy: policy(15) })[0]?.id).toBe('walk-in');
  });

  it('calls due appointments in appointment order, not arrival order', () => {
    expect(
      order([
        ticket('nine', { appointmentAt: at('09:00'), queuedAt: at('08:30') }),
        ticket('eight-forty-five', { appointmentAt: at('08:45'), queuedAt: at('08:55') }),
      ]),
    ).toEqual(['eight-forty-five', 'nine']);
  });

  it('calls due appointments before walk-ins, and walk-ins in arrival order', () => {
    expect(
      order([
        ticket('walk-2', { queuedAt: at('08:50') }),
        ticket('walk-1', { queuedAt: at('08:45') }),
        ticket('due', { appointmentAt: at('09:00'), queuedAt: at('08:58') }),
      ]),
    ).toEqual(['due', 'walk-1', 'walk-2']);
  });

  it('lets a walk-in waiting past the threshold go before due appointments', () => {
    expect(
      order([
        ticket('due', { appointmentAt: at('08:55'), queuedAt: at('08:50') }),
        ticket('long-wait', { queuedAt: at('08:25') }),
      ]),
    ).toEqual(['long-wait', 'due']);
  });

  it('calls an early appointment only when nobody else waits', () => {
    const early = ticket('early', { appointmentAt: at('10:00'), queuedAt: at('08:40') });
    expect(order([early, ticket('walk', { queuedAt: at('08:55') })])).toEqual(['walk', 'early']);
    expect(order([early])).toEqual(['early']);
  });

  it('counts an appointment as due five minutes before its start', () => {
    expect(
      order([
        ticket('walk', { queuedAt: at('08:40') }),
        ticket('almost', { appointmentAt: at('09:05'), queuedAt: at('08:50') }),
      ]),
    ).toEqual(['almost', 'walk']);
  });

  it('calls only services the counter serves', () => {
    const tickets = [ticket('customs', { serviceId: 'C', priority: true }), ticket('passport', {})];
    expect(pickNextTicket(tickets, { services: passports, now })?.id).toBe('passport');
    expect(pickNextTicket(tickets, { services: new Set(['R']), now })).toBeNull();
  });

  it('counts the people ahead within the ticket’s own service, in call order', () => {
    const tickets = [
      ticket('walk', { queuedAt: at('08:40') }),
      ticket('due', { appointmentAt: at('09:00'), queuedAt: at('08:55') }),
      ticket('other-service', { serviceId: 'C', queuedAt: at('08:00') }),
      ticket('me', { queuedAt: at('08:45') }),
    ];
    expect(peopleAhead(tickets, 'me', { now })).toBe(2);
    expect(peopleAhead(tickets, 'due', { now })).toBe(0);
    expect(peopleAhead(tickets, 'nobody', { now })).toBeNull();
  });
});
