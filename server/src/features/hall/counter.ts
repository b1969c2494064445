import type { OwnConsentSet } from '@mawaeed/core/contracts/customer-files';
import type {
  CounterChoiceList,
  CounterConsole,
  CounterSession,
  FinishedTicket,
  StaffTicket,
} from '@mawaeed/core/contracts/hall';
import type { TicketEvent } from '@mawaeed/core/queue/ticket-status';
import { formatInZone } from '@mawaeed/core/time/local';
import type { Tx } from '../../db/client';
import { type Actor, requireStaff, type StaffActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import * as repo from './repository';
import {
  actorLabel,
  announce,
  brokenConstraint,
  callPolicyOf,
  changeTicket,
  type HallKit,
  recordHistory,
  toStaffTicket,
} from './tickets';

/** Who works a counter. Managers and administrators may too (covering a desk, closing it). */
export const COUNTER_ROLES = ['administrator', 'centre_manager', 'counter_agent'] as const;

type Counter = repo.CounterWithServices;

export function createCounterDesk(kit: HallKit) {
  const { db, clock, catalogue, bookings } = kit;

  async function requireCounter(actor: Actor, counterId: string) {
    const staff = requireStaff(actor, { roles: COUNTER_ROLES });
    const counter = await repo.findCounter(db, counterId);
    if (!counter) throw new AppError('NOT_FOUND');
    requireStaff(staff, { centreId: counter.centreId });
    const zone = (await catalogue.requireCentre(counter.centreId)).timeZone;
    return { staff, counter, zone };
  }

  /** The counter's open session, which must be this agent's. */
  async function requireMySession(staff: StaffActor, counter: Counter) {
    const session = await repo.findOpenSession(db, { counterId: counter.id });
    if (!session) throw new AppError('COUNTER_NOT_OPEN');
    if (session.staffId !== staff.id) throw new AppError('COUNTER_IN_USE');
    return session;
  }

  const sessionView = (
    s: NonNullable<Awaited<ReturnType<typeof repo.findOpenSession>>>,
    zone: string,
  ): CounterSession => ({
    id: s.id,
    counterId: s.counterId,
    staffId: s.staffId,
    openedAt: formatInZone(s.openedAt, zone),
    closedAt: s.closedAt ? formatInZone(s.closedAt, zone) : null,
  });

  async function consoleOf(counter: Counter, zone: string): Promise<CounterConsole> {
    const now = clock.now();
    const [session, current, waiting, names] = await Promise.all([
      repo.findOpenSession(db, { counterId: counter.id }),
      repo.findCurrentTicket(db, counter.id),
      repo.listWaitingInCallOrder(db, {
        centreId: counter.centreId,
        serviceIds: counter.serviceIds,
        now,
        policy: await callPolicyOf(kit, counter.centreId),
      }),
      Promise.all(counter.serviceIds.map((id) => catalogue.describe(counter.centreId, id))),
    ]);
    return {
      counter: {
        id: counter.id,
        centreId: counter.centreId,
        number: counter.number,
        name: counter.name,
        serviceIds: counter.serviceIds,
      },
      session: session ? sessionView(session, zone) : null,
      current: current ? await toStaffTicket(kit, current, zone) : null,
      waiting: names.map(({ service }) => {
        const mine = waiting.filter((t) => t.serviceId === service.id);
        return {
          serviceId: service.id,
          serviceName: service.name,
          count: mine.length,
          tickets: mine.map((t) => ({
            id: t.id,
            number: t.number,
            kind: t.kind,
            priority: t.priority,
            appointmentStart: t.appointmentAt ? formatInZone(t.appointmentAt, zone) : null,
            queuedAt: formatInZone(t.queuedAt, zone),
            waitedMinutes: Math.max(0, Math.floor((now.getTime() - t.queuedAt.getTime()) / 60_000)),
          })),
        };
      }),
    };
  }

  /** The counters an agent may work: those of their centres, and whether each is free. */
  async function listCounters(actor: Actor): Promise<CounterChoiceList> {
    const staff = requireStaff(actor, { roles: COUNTER_ROLES });
    const rows = await repo.listCountersOf(db, staff.role === 'administrator' ? 'all' : staff.centreIds);
    return {
      items: rows.map((c) => ({
        id: c.id,
        centreId: c.centreId,
        number: c.number,
        name: c.name,
        serviceIds: c.serviceIds,
        openedBy: c.openBy === null ? null : c.openBy === staff.id ? 'me' : 'someone_else',
      })),
    };
  }

  async function getConsole(actor: Actor, counterId: string) {
    const { counter, zone } = await requireCounter(actor, counterId);
    return consoleOf(counter, zone);
  }

  async function openCounter(actor: Actor, counterId: string) {
    const { staff, counter, zone } = await requireCounter(actor, counterId);
    if (!counter.active) throw new AppError('NOT_FOUND');
    const open = await repo.findOpenSession(db, { counterId });
    if (open && open.staffId !== staff.id) throw new AppError('COUNTER_IN_USE');
    if (!open) {
      if (await repo.findOpenSession(db, { staffId: staff.id }))
        throw new AppError('AGENT_AT_ANOTHER_COUNTER');
      await db
        .transaction(async (tx) => {
          const session = await repo.openSession(tx, {
            counterId,
            centreId: counter.centreId,
            staffId: staff.id,
            openedAt: clock.now(),
          });
          if (!session) throw new AppError('COUNTER_IN_USE');
          await kit.audit.record(tx, staff, {
            action: 'open',
            entity: 'counter_session',
            entityId: session.id,
            centreId: counter.centreId,
            after: { counterId, openedAt: session.openedAt },
          });
        })
        .catch(rethrowRace);
    }
    return consoleOf(counter, zone);
  }

  async function closeCounter(actor: Actor, counterId: string) {
    const { staff, counter, zone } = await requireCounter(actor, counterId);
    const open = await repo.findOpenSession(db, { counterId });
    if (open) {
      // An agent closes their own counter; a manager may close one left open.
      if (open.staffId !== staff.id && staff.role === 'counter_agent') throw new AppError('COUNTER_IN_USE');
      if (await repo.findCurrentTicket(db, counterId)) throw new AppError('COUNTER_BUSY');
      await db.transaction(async (tx) => {
        const closed = await repo.closeSession(tx, open.id, clock.now());
        if (closed) {
          await kit.audit.record(tx, staff, {
            action: 'close',
            entity: 'counter_session',
            entityId: open.id,
            centreId: counter.centreId,
            after: { counterId, closedAt: closed.closedAt },
          });
        }
      });
    }
    return consoleOf(counter, zone);
  }

  async function callNext(actor: Actor, counterId: string): Promise<{ ticket: StaffTicket | null }> {
    const { staff, counter, zone } = await requireCounter(actor, counterId);
    // Read before the transaction: on PGlite a query outside `tx` inside it waits forever.
    const policy = await callPolicyOf(kit, counter.centreId);
    await requireMySession(staff, counter);
    if (await repo.findCurrentTicket(db, counterId)) throw new AppError('COUNTER_BUSY');
    const called = await db
      .transaction(async (tx) => {
        const next = await repo.lockNextTicket(tx, {
          centreId: counter.centreId,
          serviceIds: counter.serviceIds,
          now: clock.now(),
          policy,
        });
        if (!next) return null;
        const ticket = await changeTicket(kit, tx, next, 'call', {
          actor: staff,
          counterId,
          set: { counterId, calledAt: clock.now() },
        });
        await announce(kit, tx, counter.centreId, { type: 'call', ticket, counter });
        return ticket;
      })
      .catch(rethrowRace);
    return { ticket: called ? await toStaffTicket(kit, called, zone) : null };
  }

  /** A change of the counter's own ticket, under the ticket's row lock. */
  async function act(
    actor: Actor,
    counterId: string,
    ticketId: string,
    run: (
      tx: Tx,
      ticket: repo.TicketRow,
      who: { staff: StaffActor; counter: Counter },
    ) => Promise<repo.TicketRow>,
  ): Promise<StaffTicket> {
    const { staff, counter, zone } = await requireCounter(actor, counterId);
    const updated = await db.transaction(async (tx) => {
      const ticket = await repo.findTicket(tx, ticketId, { forUpdate: true });
      if (!ticket || ticket.centreId !== counter.centreId) throw new AppError('NOT_FOUND');
      if (ticket.counterId !== counterId) throw new AppError('TICKET_NOT_AT_COUNTER');
      return run(tx, ticket, { staff, counter });
    });
    return toStaffTicket(kit, updated, zone);
  }

  /** recall, start, finish, no-show, return: the state machine and its side effects. */
  function simple(
    event: Exclude<TicketEvent, 'call' | 'transfer'>,
    /** Told what the served visit's feedback invitation said (its link, for the counter's tablet). */
    onServed?: (invited: unknown) => void,
  ) {
    return (actor: Actor, counterId: string, ticketId: string) =>
      act(actor, counterId, ticketId, async (tx, ticket, { staff, counter }) => {
        const now = clock.now();
        const set: Partial<repo.TicketRow> =
          event === 'recall'
            ? { calledAt: now }
            : event === 'start'
              ? { startedAt: now }
              : event === 'finish' || event === 'mark_no_show'
                ? { finishedAt: now }
                : { counterId: null, calledAt: null };
        const updated = await changeTicket(kit, tx, ticket, event, { actor: staff, counterId, set });
        if (event === 'finish') onServed?.(await kit.afterServed?.(tx, updated, { staffId: staff.id }));
        if (updated.bookingId && (event === 'finish' || event === 'mark_no_show')) {
          await bookings.markInTransaction(
            tx,
            updated.bookingId,
            event === 'finish' ? 'serve' : 'mark_no_show',
            actorLabel(staff),
          );
        }
        await announce(
          kit,
          tx,
          counter.centreId,
          event === 'recall' ? { type: 'recall', ticket: updated, counter } : undefined,
        );
        return updated;
      });
  }

  /**
   * Sends the person to another service's queue: this ticket ends as transferred, a new one (the
   * other service's letter and number) keeps the original arrival time, so its place in the
   * queue is where it would have been, and takes over the live ticket link.
   */
  async function transfer(actor: Actor, counterId: string, ticketId: string, serviceId: string) {
    const { counter } = await requireCounter(actor, counterId);
    // Read before the transaction: on PGlite a query outside `tx` inside it waits forever.
    const target = await catalogue.loadOfferingAt(counter.centreId, serviceId, clock.now()).catch(() => {
      throw new AppError('SERVICE_NOT_OFFERED');
    });
    return act(actor, counterId, ticketId, async (tx, ticket, { staff }) => {
      if (target.service.id === ticket.serviceId) throw new AppError('TICKET_NOT_CHANGEABLE');
      const token = ticket.liveToken;
      const old = await changeTicket(kit, tx, ticket, 'transfer', {
        actor: staff,
        counterId,
        set: { finishedAt: clock.now(), liveToken: null },
      });
      const key = { centreId: counter.centreId, serviceId: target.service.id, day: ticket.day };
      const sequence = await repo.nextSequence(tx, key);
      const next = await repo.insertTicket(tx, {
        ...key,
        letter: target.service.letter,
        sequence,
        number: `${target.service.letter}-${String(sequence).padStart(3, '0')}`,
        bookingId: ticket.bookingId,
        customerId: ticket.customerId,
        kind: ticket.kind,
        priority: ticket.priority,
        status: 'waiting',
        appointmentAt: ticket.appointmentAt,
        issuedAt: clock.now(),
        queuedAt: ticket.queuedAt,
        transferredFrom: ticket.id,
        liveToken: token,
      });
      await recordHistory(kit, tx, next, { event: 'issue', fromStatus: null, actor: staff, counterId });
      await announce(kit, tx, counter.centreId);
      return old;
    });
  }

  /** A short note on the ticket's customer; its text goes to the notes table only. */
  async function addNote(actor: Actor, counterId: string, ticketId: string, text: string) {
    const { staff, counter, zone } = await requireCounter(actor, counterId);
    return db.transaction(async (tx) => {
      const ticket = await repo.findTicket(tx, ticketId);
      if (!ticket || ticket.centreId !== counter.centreId) throw new AppError('NOT_FOUND');
      if (ticket.counterId !== counterId) throw new AppError('TICKET_NOT_AT_COUNTER');
      if (!ticket.customerId) throw new AppError('TICKET_HAS_NO_CUSTOMER');
      const note = await repo.insertNote(tx, {
        customerId: ticket.customerId,
        ticketId,
        staffId: staff.id,
        text,
        createdAt: clock.now(),
      });
      await kit.audit.record(tx, staff, {
        action: 'create',
        entity: 'customer_note',
        entityId: note.id,
        centreId: counter.centreId,
        after: { customerId: ticket.customerId, ticketId },
      });
      return { id: note.id, createdAt: formatInZone(note.createdAt, zone) };
    });
  }

  /**
   * The consents of the person this counter is serving (their file is not opened: the agent sees
   * only the three choices, to ask them and record the answers).
   */
  async function servedCustomer(actor: Actor, counterId: string, ticketId: string) {
    const { staff, counter } = await requireCounter(actor, counterId);
    const consents = kit.consents;
    if (!consents) throw new AppError('NOT_FOUND');
    const ticket = await repo.findTicket(db, ticketId);
    if (!ticket || ticket.centreId !== counter.centreId) throw new AppError('NOT_FOUND');
    if (ticket.counterId !== counterId || (ticket.status !== 'called' && ticket.status !== 'serving'))
      throw new AppError('TICKET_NOT_AT_COUNTER');
    if (!ticket.customerId) throw new AppError('TICKET_HAS_NO_CUSTOMER');
    return { staff, counter, consents, customerId: ticket.customerId };
  }

  async function consentsAtCounter(actor: Actor, counterId: string, ticketId: string) {
    const { consents, customerId } = await servedCustomer(actor, counterId, ticketId);
    return { current: (await consents.consentsOf(db, customerId)).current };
  }

  async function setConsentAtCounter(
    actor: Actor,
    counterId: string,
    ticketId: string,
    input: OwnConsentSet,
  ) {
    const { staff, counter, consents, customerId } = await servedCustomer(actor, counterId, ticketId);
    return db.transaction(async (tx) => {
      await consents.recordConsent(tx, staff, customerId, { ...input, channel: 'counter' }, counter.centreId);
      return { current: (await consents.consentsOf(tx, customerId)).current };
    });
  }

  /**
   * Service done. The answer carries the visit's feedback link, once, so the counter can show it
   * as a QR code or open the form on its tablet for the person still standing there.
   */
  async function finish(actor: Actor, counterId: string, ticketId: string): Promise<FinishedTicket> {
    let feedbackLink: string | null = null;
    const ticket = await simple('finish', (invited) => {
      feedbackLink = typeof invited === 'string' ? invited : null;
    })(actor, counterId, ticketId);
    return { ...ticket, feedbackLink };
  }

  return {
    listCounters,
    getConsole,
    openCounter,
    closeCounter,
    callNext,
    recall: simple('recall'),
    start: simple('start'),
    finish,
    markNoShow: simple('mark_no_show'),
    putBack: simple('return'),
    transfer,
    addNote,
    consentsAtCounter,
    setConsentAtCounter,
  };
}
export type CounterDesk = ReturnType<typeof createCounterDesk>;

/** Two requests racing for one counter or one agent: the loser gets the stable 409. */
function rethrowRace(err: unknown): never {
  const constraint = brokenConstraint(err);
  if (constraint === 'tickets_one_per_counter') throw new AppError('COUNTER_BUSY');
  if (constraint === 'counter_sessions_one_open') throw new AppError('COUNTER_IN_USE');
  if (constraint === 'counter_sessions_one_per_agent') throw new AppError('AGENT_AT_ANOTHER_COUNTER');
  throw err;
}
