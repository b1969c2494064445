import type { HallSnapshot, LiveTicket } from '@mawaeed/core/contracts/hall';
import { formatInZone } from '@mawaeed/core/time/local';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { HallBus, HallEvent } from './events';
import * as repo from './repository';
import { estimateFor, type HallKit, waitingPayload } from './tickets';

/** How often a live ticket page asks again while waiting (or listens to the centre's events). */
const POLL_SECONDS = 15;
/** Calls older than this are not "recent" on a board that connects. */
const RECENT_CALLS_MS = 2 * 60 * 60 * 1000;

/**
 * What the hall shows everyone: the board's snapshot and stream, the live ticket page, people
 * waiting per centre. Nothing here carries a name, CPR, phone or priority category.
 */
export function createHallLive(kit: HallKit & { bus: HallBus }) {
  const { db, clock, catalogue, bus } = kit;

  /** Boards of the centre and anyone else may watch; another centre's device may not. */
  async function requireWatchable(actor: Actor, centreId: string) {
    if (actor.kind === 'device' && actor.centreId !== centreId) throw new AppError('NOT_FOUND');
    if (actor.kind === 'api_key' && !actor.centreIds.includes(centreId)) throw new AppError('NOT_FOUND');
    return catalogue.requireCentre(centreId);
  }

  async function snapshot(actor: Actor, centreId: string): Promise<HallSnapshot> {
    const centre = await requireWatchable(actor, centreId);
    const now = clock.now();
    const [services, calls, lastId] = await Promise.all([
      repo.waitingByService(db, centreId),
      repo.recentCalls(db, centreId, new Date(now.getTime() - RECENT_CALLS_MS)),
      repo.lastEventId(db, centreId),
    ]);
    return {
      centreId,
      at: formatInZone(now, centre.timeZone),
      ...waitingPayload(services),
      calls: calls.map((c) => ({
        number: c.number,
        serviceId: c.serviceId,
        counter: { number: c.counterNumber, name: c.counterName },
        at: formatInZone(c.calledAt ?? now, centre.timeZone),
      })),
      lastEventId: lastId === null ? null : String(lastId),
    };
  }

  /** Events after `lastEventId` for a board that reconnects (at most 200; older: a snapshot). */
  async function eventsAfter(centreId: string, lastEventId: string): Promise<HallEvent[] | null> {
    if (!/^\d{1,15}$/.test(lastEventId)) return null;
    const rows = await repo.listEventsAfter(db, centreId, Number(lastEventId), 201);
    if (rows.length > 200) return null;
    return rows.map((r) => ({
      id: String(r.id),
      centreId: r.centreId,
      type: r.type,
      payload: r.payload,
      at: r.at.toISOString(),
    }));
  }

  async function waitingByCentre() {
    const rows = await repo.waitingByCentre(db);
    return new Map(rows.map((r) => [r.centreId, r.waiting]));
  }

  async function liveTicket(token: string): Promise<LiveTicket> {
    const ticket = await repo.findTicketByToken(db, token);
    if (!ticket) throw new AppError('NOT_FOUND');
    const { centre, service } = await catalogue.describe(ticket.centreId, ticket.serviceId);
    const counter = ticket.counterId ? await repo.findCounter(db, ticket.counterId) : undefined;
    const estimate = await estimateFor(kit, ticket);
    return {
      number: ticket.number,
      centreId: centre.id,
      centreName: centre.name,
      serviceId: service.id,
      serviceName: service.name,
      status: ticket.status,
      issuedAt: formatInZone(ticket.issuedAt, centre.timeZone),
      position: estimate.peopleAhead === null ? null : estimate.peopleAhead + 1,
      ...estimate,
      counter:
        counter && (ticket.status === 'called' || ticket.status === 'serving')
          ? { number: counter.number, name: counter.name }
          : null,
      calledAt: ticket.calledAt ? formatInZone(ticket.calledAt, centre.timeZone) : null,
      pollSeconds: POLL_SECONDS,
    };
  }

  return { requireWatchable, snapshot, eventsAfter, waitingByCentre, liveTicket, subscribe: bus.subscribe };
}
export type HallLive = ReturnType<typeof createHallLive>;
