import { openingHoursOn } from '@mawaeed/core/schedule/opening-hours';
import { addDays, toInstant } from '@mawaeed/core/time/local';
import type { Jobs } from '../jobs/service';
import * as repo from './repository';
import { actorLabel, announce, changeTicket, type HallKit } from './tickets';

export const CLOSE_HALL_DAY = 'hall.close-day';
/** How long after a centre's last closing time its day is closed. */
const GRACE_MINUTES = 30;
/** Public hall events are kept this long for boards that reconnect. */
const EVENTS_KEPT_DAYS = 2;

/**
 * The end of a centre's day: open tickets end (waiting or called: no-show; being served:
 * served), bookings due that day or before that never checked in become no-shows, counters left
 * open are closed. Runs as a job at closing time + 30 minutes, queued each night by a daily job
 * (which also sweeps the day before, in case a close job was never queued); the job table's
 * dedupe key and SKIP LOCKED claim make one instance run each, and running it again changes
 * nothing.
 */
export function createEndOfDay(kit: HallKit & { jobs: Jobs }) {
  const { db, clock, bookings, catalogue, jobs } = kit;
  const system = { kind: 'system' } as const;

  async function closeDay(centreId: string, date: string) {
    const { centre } = await catalogue.centreSchedule(centreId, date, date);
    const endOfDay = toInstant(addDays(date, 1), '00:00', centre.timeZone);
    if (!endOfDay) throw new Error(`no end of ${date} in ${centre.timeZone}`);
    return db.transaction(async (tx) => {
      const counts = { tickets: 0, bookings: 0, sessions: 0 };
      for (const ticket of await repo.listOpenTicketsUpTo(tx, centreId, date, { forUpdate: true })) {
        const event = ticket.status === 'serving' ? 'finish' : 'mark_no_show';
        const updated = await changeTicket(kit, tx, ticket, event, {
          actor: system,
          counterId: ticket.counterId,
          set: { finishedAt: clock.now() },
        });
        if (updated.bookingId) {
          await bookings.markInTransaction(
            tx,
            updated.bookingId,
            event === 'finish' ? 'serve' : 'mark_no_show',
            actorLabel(system),
          );
        }
        counts.tickets++;
      }
      const unchecked = await bookings.listForHall(tx, {
        centreId,
        from: new Date(0),
        to: endOfDay,
        statuses: ['confirmed'],
      });
      for (const booking of unchecked) {
        if (await bookings.markInTransaction(tx, booking.id, 'mark_no_show', actorLabel(system)))
          counts.bookings++;
      }
      counts.sessions = (await repo.closeSessionsOfCentre(tx, centreId, clock.now())).length;
      if (counts.tickets > 0) await announce(kit, tx, centreId);
      return counts;
    });
  }

  /** Queues the close of `date` for every active centre open that day. */
  async function scheduleCloses(date: string) {
    for (const { id } of (await catalogue.listCentres()).items) {
      const { centre, schedule } = await catalogue.centreSchedule(id, date, date);
      const hours = openingHoursOn(date, schedule);
      if (!hours.open) continue;
      const lastClose = hours.intervals.reduce((max, i) => (i.close > max ? i.close : max), '00:00');
      const closesAt = toInstant(date, lastClose, centre.timeZone);
      if (!closesAt) continue;
      await jobs.enqueue(db, CLOSE_HALL_DAY, {
        payload: { centreId: id, date },
        runAt: new Date(closesAt.getTime() + GRACE_MINUTES * 60_000),
        dedupeKey: `${CLOSE_HALL_DAY}:${id}:${date}`,
      });
    }
  }

  jobs.register(CLOSE_HALL_DAY, {
    async run(payload) {
      await closeDay(String(payload.centreId), String(payload.date));
    },
  });
  jobs.registerDaily({
    name: 'hall-close-days',
    async run({ date }) {
      for (const { id } of (await catalogue.listCentres()).items) await closeDay(id, addDays(date, -1));
      await scheduleCloses(date);
      await repo.purgeEventsBefore(db, new Date(clock.now().getTime() - EVENTS_KEPT_DAYS * 86_400_000));
    },
  });

  return { closeDay, scheduleCloses };
}
