import { formatInZone } from '@mawaeed/core/time/local';
import type { Db, Tx } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { CentreRow, ServiceRow } from '../catalogue/repository';
import type { CatalogueService } from '../catalogue/service';
import type { CustomerFiles } from '../customer-files/service';
import type { Jobs } from '../jobs/service';
import type { Messages } from '../messages/service';
import type { BookingFacts } from '../messages/templates';
import type { Webhooks } from '../webhooks/service';
import { renderCalendar } from './calendar';
import * as noticesRepo from './notices-repository';
import * as repo from './repository';

export const SEND_REMINDER = 'booking.reminder';

/** What a booking's notices read of it: a booking not yet inserted has all of this already. */
type NoticeBooking = Omit<repo.BookingRow, 'customerId' | 'cancelReason' | 'createdAt' | 'updatedAt'>;

/**
 * What a booking's changes owe, written in the change's transaction: webhook events to partner
 * systems, and messages to the person:
 * confirmation (with the manage link and token, known only now), reschedule, cancellation, and
 * the reminders, each a job due before the appointment that checks, when it runs, that the
 * booking is still confirmed at the same time.
 */
export function createBookingNotices(deps: {
  db: Db;
  clock: Clock;
  jobs: Jobs;
  messages: Messages;
  webhooks: Pick<Webhooks, 'planEvent'>;
  catalogue: CatalogueService;
  publicUrl: string;
  /** Minutes before the start, e.g. [1440, 120]. */
  remindersBefore: readonly number[];
  /** The customer file's consents: a withdrawn `sms_reminders` stops the SMS reminder, `email` the e-mailed one. */
  consents?: Pick<CustomerFiles, 'withdrawnConsents'>;
}) {
  const { db, clock, jobs, messages, catalogue, webhooks } = deps;

  /** A webhook event's data: what identifies the booking and its time, never who it is for. */
  function eventOf(booking: NoticeBooking, centre: CentreRow, service: ServiceRow) {
    return {
      reference: booking.reference,
      status: booking.status,
      channel: booking.channel,
      centre: { id: centre.id, code: centre.code },
      service: { id: service.id, code: service.code },
      start: formatInZone(booking.startsAt, centre.timeZone),
      end: formatInZone(booking.endsAt, centre.timeZone),
    };
  }

  function factsOf(booking: NoticeBooking, centre: CentreRow, service: ServiceRow): BookingFacts {
    return {
      reference: booking.reference,
      centreName: centre.name,
      serviceName: service.name,
      startsAt: booking.startsAt,
      timeZone: centre.timeZone,
    };
  }

  /** The calendar file for the e-mail; none without an address (SMS carries no attachment). */
  function calendarOf(booking: NoticeBooking, centre: CentreRow, service: ServiceRow) {
    if (!booking.contactEmail) return {};
    return {
      calendar: renderCalendar({ booking, centre, service, publicUrl: deps.publicUrl, now: clock.now() }),
    };
  }

  /** The reminder jobs still ahead of the booking's start (too late for the others). */
  function remindersOf(booking: NoticeBooking) {
    const now = clock.now().getTime();
    return deps.remindersBefore
      .map((minutesBefore) => ({
        payload: { bookingId: booking.id, startsAt: booking.startsAt.toISOString(), minutesBefore },
        runAt: new Date(booking.startsAt.getTime() - minutesBefore * 60_000),
      }))
      .filter((job) => job.runAt.getTime() > now)
      .map((options) => jobs.newJob(SEND_REMINDER, options));
  }

  type Change = { booking: NoticeBooking; centre: CentreRow; service: ServiceRow };

  // Each change's webhook event, message(s) and reminders are written by one statement
  // (notices-repository.ts) instead of one or more each: the same rows, in the same transaction.

  /** A new booking's notices, not yet written: bookForPerson writes them with the booking. */
  function planBooked(change: Change & { manageToken: string }): noticesRepo.Notices {
    const { booking, centre, service } = change;
    return {
      event: webhooks.planEvent('booking.created', eventOf(booking, centre, service)),
      messages: messages.planBookingMessage({
        kind: 'confirmation',
        booking,
        facts: factsOf(booking, centre, service),
        manageToken: change.manageToken,
        ...calendarOf(booking, centre, service),
      }),
      jobs: remindersOf(booking),
    };
  }

  async function booked(tx: Tx, change: Change & { manageToken: string }) {
    await noticesRepo.insertNotices(tx, planBooked(change));
  }

  async function rescheduled(tx: Tx, { booking, centre, service }: Change) {
    await noticesRepo.insertNotices(tx, {
      event: webhooks.planEvent('booking.rescheduled', eventOf(booking, centre, service)),
      messages: messages.planBookingMessage({
        kind: 'reschedule',
        booking,
        facts: factsOf(booking, centre, service),
        ...calendarOf(booking, centre, service),
      }),
      jobs: remindersOf(booking),
    });
  }

  async function cancelled(tx: Tx, { booking, centre, service }: Change) {
    await noticesRepo.insertNotices(tx, {
      event: webhooks.planEvent('booking.cancelled', eventOf(booking, centre, service)),
      messages: messages.planBookingMessage({
        kind: 'cancellation',
        booking,
        facts: factsOf(booking, centre, service),
      }),
      jobs: [],
    });
  }

  /** The reminder job: nothing when the booking was cancelled, moved, or its time has come. */
  async function sendReminder(payload: Record<string, unknown>) {
    const booking = await repo.findBookingById(db, String(payload.bookingId));
    const startsAt = String(payload.startsAt);
    if (booking?.status !== 'confirmed') return;
    if (booking.startsAt.toISOString() !== startsAt) return;
    if (booking.startsAt.getTime() <= clock.now().getTime()) return;
    const withdrawn = (await deps.consents?.withdrawnConsents(db, booking.customerId)) ?? new Set();
    const channels = { sms: !withdrawn.has('sms_reminders'), email: !withdrawn.has('email') };
    if (!channels.sms && !(channels.email && booking.contactEmail)) return;
    const { centre, service } = await catalogue.describe(booking.centreId, booking.serviceId);
    await db.transaction((tx) =>
      messages.queueBookingMessage(tx, {
        kind: 'reminder',
        booking,
        facts: factsOf(booking, centre, service),
        ...calendarOf(booking, centre, service),
        // Moved away and back again: still one reminder per start and offset.
        dedupeKey: `reminder:${booking.id}:${startsAt}:${payload.minutesBefore}`,
        channels,
      }),
    );
  }

  /** Staff confirmed a closure of the day this booking was on (it is cancelled with it). */
  async function closedDay(tx: Tx, change: Change & { date: string }) {
    await messages.queueClosureNotice(tx, {
      booking: change.booking,
      facts: factsOf(change.booking, change.centre, change.service),
      date: change.date,
    });
  }

  return { planBooked, booked, rescheduled, cancelled, closedDay, reminderJob: { run: sendReminder } };
}
export type BookingNotices = ReturnType<typeof createBookingNotices>;
