/**
 * Who a counter calls next (DESIGN.md, the hall): priority tickets first (60+, disability,
 * pregnancy — set at check-in); then appointments whose time has come, in appointment order;
 * walk-ins in arrival order. A walk-in that has waited past the threshold is called before due
 * appointments, so walk-ins cannot starve on a busy appointment day. Appointments that arrived
 * early are called only when nothing else waits. A counter calls only services it serves.
 */
export type QueuedTicket = {
  id: string;
  serviceId: string;
  priority: boolean;
  /** The appointment's start; null for a walk-in. */
  appointmentAt: Date | null;
  /** When the ticket joined the queue (check-in or walk-in issue); a transfer keeps the original. */
  queuedAt: Date;
};

export type CallPolicy = {
  /** Whether priority tickets (60+, disability, pregnancy) go before everyone; per centre. */
  priorityFirst: boolean;
  /** A walk-in waiting this long goes before due appointments; per centre. */
  walkInMaxWaitMinutes: number;
  /** An appointment counts as due this many minutes before its start. */
  appointmentDueEarlyMinutes: number;
};

export const DEFAULT_CALL_POLICY: CallPolicy = {
  priorityFirst: true,
  walkInMaxWaitMinutes: 30,
  appointmentDueEarlyMinutes: 5,
};

/** The band a ticket is in now; lower is called first. */
export const BANDS = {
  priority: 0,
  starvingWalkIn: 1,
  dueAppointment: 2,
  walkIn: 3,
  earlyAppointment: 4,
} as const;

export function callBand(ticket: QueuedTicket, now: Date, policy: CallPolicy): number {
  if (ticket.priority && policy.priorityFirst) return BANDS.priority;
  if (ticket.appointmentAt === null) {
    const waitedMinutes = (now.getTime() - ticket.queuedAt.getTime()) / 60_000;
    return waitedMinutes >= policy.walkInMaxWaitMinutes ? BANDS.starvingWalkIn : BANDS.walkIn;
  }
  const dueAt = ticket.appointmentAt.getTime() - policy.appointmentDueEarlyMinutes * 60_000;
  return now.getTime() >= dueAt ? BANDS.dueAppointment : BANDS.earlyAppointment;
}

/** Within a band: appointments by their time, everyone else by when they joined. */
function orderInBand(ticket: QueuedTicket): number {
  return (ticket.appointmentAt ?? ticket.queuedAt).getTime();
}

/** The queue as a counter serving `services` would call it, first to last. */
export function orderQueue(
  tickets: readonly QueuedTicket[],
  options: { services: ReadonlySet<string>; now: Date; policy?: CallPolicy },
): QueuedTicket[] {
  const policy = options.policy ?? DEFAULT_CALL_POLICY;
  return tickets
    .filter((t) => options.services.has(t.serviceId))
    .map((t) => ({ t, band: callBand(t, options.now, policy), at: orderInBand(t) }))
    .sort(
      (a, b) =>
        a.band - b.band ||
        a.at - b.at ||
        a.t.queuedAt.getTime() - b.t.queuedAt.getTime() ||
        (a.t.id < b.t.id ? -1 : 1),
    )
    .map((x) => x.t);
}

export function pickNextTicket(
  tickets: readonly QueuedTicket[],
  options: { services: ReadonlySet<string>; now: Date; policy?: CallPolicy },
): QueuedTicket | null {
  return orderQueue(tickets, options)[0] ?? null;
}

/**
 * How many tickets a counter serving only this ticket's service would call before it: the
 * "people ahead" of the live ticket page. Null when the ticket is not waiting in `tickets`.
 */
export function peopleAhead(
  tickets: readonly QueuedTicket[],
  ticketId: string,
  options: { now: Date; policy?: CallPolicy },
): number | null {
  const ticket = tickets.find((t) => t.id === ticketId);
  if (!ticket) return null;
  const order = orderQueue(tickets, { services: new Set([ticket.serviceId]), ...options });
  return order.findIndex((t) => t.id === ticketId);
}
