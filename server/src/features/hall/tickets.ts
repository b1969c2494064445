import type { IssuedTicket, StaffTicket } from '@mawaeed/core/contracts/hall';
import {
  type CallPolicy,
  DEFAULT_CALL_POLICY,
  peopleAhead,
  type QueuedTicket,
} from '@mawaeed/core/queue/call-policy';
import { type TicketEvent, transitionTicket } from '@mawaeed/core/queue/ticket-status';
import { estimateWaitMinutes } from '@mawaeed/core/queue/wait-estimate';
import type { Bilingual } from '@mawaeed/core/schedule/types';
import { formatInZone } from '@mawaeed/core/time/local';
import type { Db, Queryable, Tx } from '../../db/client';
import type { DeviceActor, StaffActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Audit } from '../audit/service';
import type { BookingService } from '../bookings/service';
import type { CatalogueService } from '../catalogue/service';
import type { CustomerFiles } from '../customer-files/service';
import { noteTicketChanged } from '../dashboard/service';
import type { Idempotency } from '../idempotency/service';
import type { Webhooks } from '../webhooks/service';
import * as repo from './repository';

/** Who changes a ticket: staff, a kiosk, or the end-of-day sweep. */
export type TicketActor = StaffActor | DeviceActor | { kind: 'system' };

export type HallKit = {
  db: Db;
  clock: Clock;
  audit: Audit;
  bookings: BookingService;
  catalogue: CatalogueService;
  idempotency: Idempotency;
  publicUrl: string;
  policy?: CallPolicy;
  webhooks?: Pick<Webhooks, 'emit'>;
  /** The customer file's consents, which the agent records for the person at the counter. */
  consents?: Pick<CustomerFiles, 'recordConsent' | 'consentsOf'>;
  /** Told of each served visit in its transaction (the feedback invitation). */
  afterServed?: (tx: Tx, ticket: repo.TicketRow, by: { staffId: string | null }) => Promise<unknown>;
};

/** The ticket changes partners can subscribe to (a transfer's new ticket is not a check-in). */
const WEBHOOK_OF = {
  issue: 'ticket.checked_in',
  call: 'ticket.called',
  finish: 'ticket.served',
  mark_no_show: 'ticket.no_show',
} as const;
/**
 * A centre's call policy: its own settings (priority first, the walk-in starvation threshold) over
 * the defaults; `kit.policy`, when a test sets one, wins.
 */
export async function callPolicyOf(
  kit: HallKit,
  centreId: string,
  q: Queryable = kit.db,
): Promise<CallPolicy> {
  if (kit.policy) return kit.policy;
  const centre = await kit.catalogue.requireCentre(centreId, q);
  return {
    ...DEFAULT_CALL_POLICY,
    priorityFirst: centre.callPriorityFirst,
    walkInMaxWaitMinutes: centre.walkInMaxWaitMinutes,
  };
}

/** How a booking's history names the hall actor. */
export function actorLabel(actor: TicketActor): string {
  return actor.kind === 'system' ? 'system:end-of-day' : `${actor.kind}:${actor.id}`;
}

export function toQueued(row: repo.TicketRow): QueuedTicket {
  return {
    id: row.id,
    serviceId: row.serviceId,
    priority: row.priority !== null,
    appointmentAt: row.appointmentAt,
    queuedAt: row.queuedAt,
  };
}

const iso = (d: Date | null, zone: string) => (d ? formatInZone(d, zone) : null);

/** The ticket's place and wait, as the live page and the printed ticket tell them. */
export async function estimateFor(kit: HallKit, row: repo.TicketRow, q: Queryable = kit.db) {
  if (row.status !== 'waiting') return { peopleAhead: null, estimatedWaitMinutes: null };
  const now = kit.clock.now();
  const policy = await callPolicyOf(kit, row.centreId, q);
  const waiting = await repo.listWaitingInCallOrder(q, {
    centreId: row.centreId,
    serviceIds: [row.serviceId],
    now,
    policy,
  });
  const ahead = peopleAhead(waiting.map(toQueued), row.id, { now, policy });
  if (ahead === null) return { peopleAhead: null, estimatedWaitMinutes: null };
  const [openCounters, median] = await Promise.all([
    repo.countOpenCounters(q, row.centreId, row.serviceId),
    repo.medianServiceMinutes(q, row.centreId, row.serviceId),
  ]);
  const fallback = (await kit.catalogue.describe(row.centreId, row.serviceId, q)).service.durationMinutes;
  return {
    peopleAhead: ahead,
    estimatedWaitMinutes: estimateWaitMinutes({
      peopleAhead: ahead,
      openCounters,
      medianServiceMinutes: median ?? fallback,
    }),
  };
}

export function liveUrl(publicUrl: string, token: string) {
  return `${publicUrl.replace(/\/$/, '')}/ticket/${token}`;
}

export async function toIssued(
  kit: HallKit,
  row: repo.TicketRow,
  context: { serviceName: Bilingual; zone: string; forStaff: boolean },
  q: Queryable = kit.db,
): Promise<IssuedTicket> {
  const estimate = await estimateFor(kit, row, q);
  return {
    id: row.id,
    number: row.number,
    centreId: row.centreId,
    serviceId: row.serviceId,
    serviceName: context.serviceName,
    kind: row.kind,
    status: row.status,
    issuedAt: formatInZone(row.issuedAt, context.zone),
    appointmentStart: iso(row.appointmentAt, context.zone),
    ...estimate,
    priority: context.forStaff ? row.priority : null,
    liveToken: row.liveToken ?? '',
    liveUrl: row.liveToken ? liveUrl(kit.publicUrl, row.liveToken) : '',
  };
}

export async function toStaffTicket(kit: HallKit, row: repo.TicketRow, zone: string): Promise<StaffTicket> {
  const booking = row.bookingId ? await kit.bookings.findById(kit.db, row.bookingId) : undefined;
  return {
    id: row.id,
    number: row.number,
    serviceId: row.serviceId,
    kind: row.kind,
    status: row.status,
    priority: row.priority,
    issuedAt: formatInZone(row.issuedAt, zone),
    queuedAt: formatInZone(row.queuedAt, zone),
    calledAt: iso(row.calledAt, zone),
    startedAt: iso(row.startedAt, zone),
    finishedAt: iso(row.finishedAt, zone),
    counterId: row.counterId,
    customerId: row.customerId,
    appointment: booking
      ? {
          reference: booking.reference,
          start: formatInZone(booking.startsAt, zone),
          end: formatInZone(booking.endsAt, zone),
          customerName: booking.contactName,
          mobileMasked: kit.bookings.maskMobile(booking.contactMobile),
          language: booking.language,
        }
      : null,
  };
}

/**
 * The one way a ticket changes: the state machine decides, the row changes, the history gets a
 * line — all in the caller's transaction. A change the machine refuses is a 409.
 */
export async function changeTicket(
  kit: HallKit,
  tx: Tx,
  ticket: repo.TicketRow,
  event: TicketEvent,
  by: { actor: TicketActor; counterId: string | null; set?: Partial<repo.TicketRow> },
) {
  const transition = transitionTicket(ticket.status, event);
  if (!transition.ok) throw new AppError(transition.reason);
  const updated = await repo.updateTicket(tx, ticket.id, { ...by.set, status: transition.to });
  await recordHistory(kit, tx, updated, { event, fromStatus: ticket.status, ...by });
  return updated;
}

export async function recordHistory(
  kit: HallKit,
  tx: Tx,
  ticket: repo.TicketRow,
  entry: { event: string; fromStatus: string | null; actor: TicketActor; counterId: string | null },
) {
  await repo.appendTicketHistory(tx, {
    ticketId: ticket.id,
    centreId: ticket.centreId,
    event: entry.event,
    fromStatus: entry.fromStatus,
    toStatus: ticket.status,
    counterId: entry.counterId,
    staffId: entry.actor.kind === 'staff' ? entry.actor.id : null,
    actorKind: entry.actor.kind,
    at: kit.clock.now(),
  });
  await noteTicketChanged(tx, ticket, kit.clock.now());
  const hook = WEBHOOK_OF[entry.event as keyof typeof WEBHOOK_OF];
  if (hook && kit.webhooks && !(entry.event === 'issue' && ticket.transferredFrom)) {
    await kit.webhooks.emit(tx, hook, async () => {
      const facts = await repo.ticketWebhookFacts(tx, ticket);
      return {
        number: ticket.number,
        status: ticket.status,
        kind: ticket.kind,
        reference: facts?.reference ?? null,
        centre: { id: ticket.centreId, code: facts?.centreCode ?? null },
        service: { id: ticket.serviceId, code: facts?.serviceCode ?? null },
        counter: facts?.counterNumber == null ? null : { number: facts.counterNumber },
        at: kit.clock.now().toISOString(),
      };
    });
  }
  if (entry.actor.kind !== 'system') {
    // Numbers and states only: the audit log never holds a customer's details or notes.
    await kit.audit.record(tx, entry.actor, {
      action: entry.event,
      entity: 'ticket',
      entityId: ticket.id,
      centreId: ticket.centreId,
      after: { number: ticket.number, status: ticket.status, counterId: ticket.counterId },
    });
  }
}

/** Tells the hall what changed: the call (or recall) if any, then the waiting counts. */
export async function announce(
  kit: HallKit,
  tx: Tx,
  centreId: string,
  call?: { type: 'call' | 'recall'; ticket: repo.TicketRow; counter: { number: number; name: Bilingual } },
) {
  const at = kit.clock.now();
  if (call) {
    await repo.publishEvent(tx, {
      centreId,
      type: call.type,
      at,
      payload: {
        number: call.ticket.number,
        serviceId: call.ticket.serviceId,
        // Picked field by field: a public event carries nothing it was not meant to.
        counter: { number: call.counter.number, name: call.counter.name },
      },
    });
  }
  await repo.publishEvent(tx, {
    centreId,
    type: 'waiting',
    at,
    payload: waitingPayload(await repo.waitingByService(tx, centreId)),
  });
}

/** The public `waiting` figures: per service of the centre, and in all. */
export function waitingPayload(services: Awaited<ReturnType<typeof repo.waitingByService>>) {
  return {
    waitingNow: services.reduce((n, s) => n + s.waiting, 0),
    services: services.map((s) => ({
      serviceId: s.service_id,
      letter: s.letter,
      name: s.name,
      waiting: s.waiting,
    })),
  };
}

/** A unique index's name when a write broke one, so races become stable 409s. */
export function brokenConstraint(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505' && typeof constraint === 'string') return constraint;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
