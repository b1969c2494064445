import { describe, expect, it } from 'vitest';
import {
  TICKET_EVENTS,
  TICKET_STATUSES,
  type TicketEvent,
  type TicketStatus,
  transitionTicket,
} from './ticket-status';

const TABLE: Record<TicketStatus, Record<TicketEvent, TicketStatus | '-'>> = {
  waiting: {
    call: 'called',
    recall: '-',
    start: '-',
    finish: '-',
    mark_no_show: 'no_show',
    transfer: 'transferred',
    return: '-',
  },
  called: {
    call: '-',
    recall: 'called',
    start: 'serving',
    finish: '-',
    mark_no_show: 'no_show',
    transfer: 'transferred',
    return: 'waiting',
  },
  serving: {
    call: '-',
    recall: '-',
    start: '-',
    finish: 'served',
    mark_no_show: '-',
    transfer: 'transferred',
    return: '-',
  },
  served: { call: '-', recall: '-', start: '-', finish: '-', mark_no_show: '-', transfer: '-', return: '-' },
  no_show: { call: '-', recall: '-', start: '-', finish: '-', mark_no_show: '-', transfer: '-', return: '-' },
  transferred: {
    call: '-',
    recall: '-',
    start: '-',
    finish: '-',
    mark_no_show: '-',
    transfer: '-',
    return: '-',
  },
};

describe('ticket transitions', () => {
  for (const from of TICKET_STATUSES) {
    for (const event of TICKET_EVENTS) {
      const expected = TABLE[from][event];
      it(`${from} --${event}--> ${expected}`, () => {
        expect(transitionTicket(from, event)).toEqual(
          expected === '-' ? { ok: false, reason: 'TICKET_NOT_CHANGEABLE' } : { ok: true, to: expected },
        );
      });
    }
  }
});
