import { orderQueue, peopleAhead, type QueuedTicket } from '@mawaeed/core/queue/call-policy';
import { estimateWaitMinutes } from '@mawaeed/core/queue/wait-estimate';
import { percentile } from './stats';

/**
 * One simulated day of one service in a hall, in minutes from opening: appointments every slot
 * (some never come, the rest arrive around their time), walk-ins at random, counters calling by
 * the core policy with log-normal service times. At each arrival the core estimate is taken as
 * the live ticket page would take it; the day then shows how long each person really waited.
 */
export type HallDayPlan = {
  openMinutes: number;
  counters: number;
  slotMinutes: number;
  seatsPerSlot: number;
  showRate: number;
  walkInsPerMinute: number;
  medianServiceMinutes: number;
  serviceSpread: number;
  /** The service's own duration: the estimate's fallback before any service finished. */
  defaultServiceMinutes: number;
};

export const DEFAULT_DAY: HallDayPlan = {
  openMinutes: 420,
  counters: 3,
  slotMinutes: 15,
  seatsPerSlot: 3,
  showRate: 0.88,
  walkInsPerMinute: 0.12,
  medianServiceMinutes: 7,
  serviceSpread: 0.45,
  defaultServiceMinutes: 10,
};

const DAY_START = Date.UTC(2026, 10, 29, 4, 0); // 07:00 in Bahrain
const at = (minute: number) => new Date(DAY_START + minute * 60_000);

function normal(random: () => number) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function simulateHallDay(plan: HallDayPlan, random: () => number) {
  const arrivals: { minute: number; appointment: number | null }[] = [];
  for (let slot = 0; slot < plan.openMinutes; slot += plan.slotMinutes) {
    for (let s = 0; s < plan.seatsPerSlot; s++) {
      if (random() > plan.showRate) continue;
      const minute = Math.max(0, slot - 10 + 8 * normal(random));
      arrivals.push({ minute, appointment: slot });
    }
  }
  for (let m = -Math.log(1 - random()) / plan.walkInsPerMinute; m < plan.openMinutes - 30; ) {
    arrivals.push({ minute: m, appointment: null });
    m += -Math.log(1 - random()) / plan.walkInsPerMinute;
  }
  arrivals.sort((a, b) => a.minute - b.minute);

  const waiting: QueuedTicket[] = [];
  const estimates = new Map<string, { estimate: number; ahead: number }>();
  const waits = new Map<string, number>();
  const counters = Array.from({ length: plan.counters }, () => 0);
  const finished: { at: number; minutes: number }[] = [];
  let clock = 0;
  let next = 0;
  while (next < arrivals.length || waiting.length > 0) {
    const arrival = arrivals[next];
    const c = counters.indexOf(Math.min(...counters));
    const freeAt = counters[c] ?? 0;
    if (waiting.length > 0 && (!arrival || freeAt <= arrival.minute)) {
      clock = Math.max(clock, freeAt);
      const [ticket] = orderQueue(waiting, { services: new Set(['P']), now: at(clock) });
      if (!ticket) break;
      waiting.splice(waiting.indexOf(ticket), 1);
      waits.set(ticket.id, clock - (ticket.queuedAt.getTime() - DAY_START) / 60_000);
      const minutes = Math.max(1, plan.medianServiceMinutes * Math.exp(plan.serviceSpread * normal(random)));
      counters[c] = clock + minutes;
      finished.push({ at: clock + minutes, minutes });
      continue;
    }
    if (!arrival) break;
    clock = arrival.minute;
    const id = `t${next}`;
    waiting.push({
      id,
      serviceId: 'P',
      priority: false,
      appointmentAt: arrival.appointment === null ? null : at(arrival.appointment),
      queuedAt: at(clock),
    });
    const recent = finished
      .filter((f) => f.at <= clock)
      .slice(-20)
      .map((f) => f.minutes)
      .sort((a, b) => a - b);
    const median = recent.length ? percentile(recent, 50) : plan.defaultServiceMinutes;
    const ahead = peopleAhead(waiting, id, { now: at(clock) }) ?? 0;
    const estimate = estimateWaitMinutes({
      peopleAhead: ahead,
      openCounters: plan.counters,
      medianServiceMinutes: median,
    });
    if (estimate !== null) estimates.set(id, { estimate, ahead });
    next++;
  }
  return [...estimates].map(([id, e]) => ({ ...e, actual: waits.get(id) ?? 0 }));
}
