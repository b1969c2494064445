/**
 * The ticket state machine: waiting → called → serving → served, or no-show, or transferred to
 * another service (the new ticket keeps its place by the original time). One transition function,
 * tested as a full table.
 */
export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'served', 'no_show', 'transferred'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_EVENTS = [
  'call',
  'recall',
  'start',
  'finish',
  'mark_no_show',
  'transfer',
  'return',
] as const;
export type TicketEvent = (typeof TICKET_EVENTS)[number];

const TRANSITIONS: Record<TicketStatus, Partial<Record<TicketEvent, TicketStatus>>> = {
  // A waiting ticket is marked no-show only by the end-of-day sweep.
  waiting: { call: 'called', transfer: 'transferred', mark_no_show: 'no_show' },
  // Called: announced again, seen at the counter, or not seen; `return` puts it back in the queue
  // (the agent called by mistake) without losing its place.
  called: {
    recall: 'called',
    start: 'serving',
    mark_no_show: 'no_show',
    transfer: 'transferred',
    return: 'waiting',
  },
  serving: { finish: 'served', transfer: 'transferred' },
  served: {},
  no_show: {},
  transferred: {},
};

export type TicketTransition =
  | { ok: true; to: TicketStatus }
  | { ok: false; reason: 'TICKET_NOT_CHANGEABLE' };

export function transitionTicket(from: TicketStatus, event: TicketEvent): TicketTransition {
  const to = TRANSITIONS[from][event];
  return to ? { ok: true, to } : { ok: false, reason: 'TICKET_NOT_CHANGEABLE' };
}

/** Open tickets: still in the hall's queue or at a counter. */
export function isOpenTicket(status: TicketStatus): boolean {
  return status === 'waiting' || status === 'called' || status === 'serving';
}
