import type { WeeklyHours } from '../schedule/types';
import { addDays, minutesOfDay, toInstant, weekdayOf } from '../time/local';

/**
 * Realistic hall history, pure and repeatable (a seeded generator, no clock): the demo's 90 days
 * and the dashboard benchmark's year come from here. Per open day and offering: appointments
 * (most checked in, some no-shows, some cancelled) and walk-ins, waits that grow through the
 * morning rush, service times around the service's duration, and ratings for a share of visits.
 */
export type HistoryOffering = {
  centreId: string;
  serviceId: string;
  letter: string;
  durationMinutes: number;
  zone: string;
  weeklyHours: WeeklyHours;
  counterIds: string[];
};

export type HistoryVisit = {
  centreId: string;
  serviceId: string;
  day: string;
  sequence: number;
  number: string;
  kind: 'appointment' | 'walk_in';
  booking: { status: 'served' | 'no_show' | 'cancelled'; startsAt: Date; endsAt: Date } | null;
  /** Null for an appointment nobody came to (or cancelled): no ticket. */
  ticket: {
    status: 'served';
    appointmentAt: Date | null;
    queuedAt: Date;
    calledAt: Date;
    startedAt: Date;
    finishedAt: Date;
    counterId: string | null;
  } | null;
  rating: { performance: number; organisation: number; quality: number; comment: string | null } | null;
};

/** mulberry32: a small seeded generator, so a seed always gives the same history. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;
const COMMENTS = [
  null,
  null,
  null,
  'Quick and polite.',
  'Long queue in the morning.',
  'شكرًا على حسن التعامل',
  'لم أجد مكانًا للجلوس',
];

export function* generateHistory(input: {
  offerings: HistoryOffering[];
  /** The first and last local dates (inclusive). */
  from: string;
  to: string;
  visitsPerDay: number;
  seed?: number;
}): Generator<HistoryVisit> {
  const random = seededRandom(input.seed ?? 20261201);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  for (let day = input.from; day <= input.to; day = addDays(day, 1)) {
    for (const o of input.offerings) {
      const hours = o.weeklyHours[weekdayOf(day)];
      const first = hours?.[0];
      if (!first) continue;
      const open = minutesOfDay(first.open);
      const close = minutesOfDay((hours.at(-1) ?? first).close);
      const count = Math.max(1, Math.round(input.visitsPerDay * (0.6 + random() * 0.8)));
      let sequence = 0;
      for (let i = 0; i < count; i++) {
        const offset = Math.floor(random() ** 1.4 * Math.max(30, close - open - 30));
        const at = toInstant(
          day,
          `${String(Math.floor((open + offset) / 60)).padStart(2, '0')}:${String((open + offset) % 60).padStart(2, '0')}`,
          o.zone,
        );
        if (!at) continue;
        const isAppointment = random() < 0.7;
        const roll = random();
        const bookingStatus = !isAppointment
          ? null
          : roll < 0.06
            ? 'cancelled'
            : roll < 0.16
              ? 'no_show'
              : 'served';
        const booking: HistoryVisit['booking'] =
          isAppointment && bookingStatus
            ? {
                status: bookingStatus,
                startsAt: at,
                endsAt: new Date(at.getTime() + o.durationMinutes * MINUTE),
              }
            : null;
        if (bookingStatus === 'cancelled' || bookingStatus === 'no_show') {
          yield {
            centreId: o.centreId,
            serviceId: o.serviceId,
            day,
            sequence: 0,
            number: '',
            kind: 'appointment',
            booking,
            ticket: null,
            rating: null,
          };
          continue;
        }
        sequence++;
        // Arrive up to 20 minutes early or 10 late; the morning rush (first third) waits longer.
        const arrival = new Date(at.getTime() + Math.round((random() * 30 - 20) * MINUTE));
        const rush = offset < (close - open) / 3 ? 1.8 : 1;
        const wait = Math.round(random() * random() * 25 * rush + random() * 4);
        const from = isAppointment ? Math.max(arrival.getTime(), at.getTime()) : arrival.getTime();
        const calledAt = new Date(from + wait * MINUTE);
        const startedAt = new Date(calledAt.getTime() + MINUTE);
        const service = Math.max(2, Math.round(o.durationMinutes * (0.5 + random())));
        const finishedAt = new Date(startedAt.getTime() + service * MINUTE);
        const mood = wait > 25 ? -1.5 : wait > 12 ? -0.5 : 0.3;
        const score = () => Math.min(5, Math.max(1, Math.round(4 + mood + (random() - 0.5) * 2)));
        yield {
          centreId: o.centreId,
          serviceId: o.serviceId,
          day,
          sequence,
          number: `${o.letter}-${String(sequence).padStart(3, '0')}`,
          kind: isAppointment ? 'appointment' : 'walk_in',
          booking,
          ticket: {
            status: 'served',
            appointmentAt: isAppointment ? at : null,
            queuedAt: arrival,
            calledAt,
            startedAt,
            finishedAt,
            counterId: o.counterIds.length ? pick(o.counterIds) : null,
          },
          rating:
            random() < 0.3
              ? { performance: score(), organisation: score(), quality: score(), comment: pick(COMMENTS) }
              : null,
        };
      }
    }
  }
}
