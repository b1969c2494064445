import { randomUUID } from 'node:crypto';
import type { Language } from '@mawaeed/core/contracts/common';
import { BAHRAIN } from '@mawaeed/core/country/profile';
import type { Db, Queryable } from '../../db/client';
import type { MessageStatus } from '../../db/schema';
import { type Actor, CENTRE_ADMINS, reachesCentre, requireStaff } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { PersonalData } from '../../lib/personal-data';
import type { Audit } from '../audit/service';
import type { Jobs } from '../jobs/service';
import * as repo from './repository';
import {
  type BookingFacts,
  type BookingMessageKind,
  type Rendered,
  renderBookingMessage,
  renderClosureNotice,
  renderSurveyInvitation,
  renderVerificationCode,
} from './templates';
import type { Attachment, OutgoingMessage, Transports } from './transport';

export const DELIVER_MESSAGE = 'message.deliver';

/** Who a booking's messages go to: SMS to its mobile, e-mail to its address when it has one. */
export type BookingContact = {
  id: string;
  reference: string;
  language: Language;
  contactMobile: string;
  contactEmail: string | null;
};

type Content = Omit<OutgoingMessage, 'id' | 'channel'>;

/** A message and its delivery job, drawn and sealed but not written yet. */
export type PlannedMessage = {
  message: repo.NewMessage;
  job: ReturnType<Jobs['newJob']>;
};

/** Which of a person's channels a message may use (their consents can rule one out). */
export type Channels = { sms: boolean; email: boolean };
const BOTH: Channels = { sms: true, email: true };

const country = BAHRAIN;

function maskRecipient(channel: 'sms' | 'email', to: string) {
  if (channel === 'sms') return country.maskMobile(to);
  const [local = '', domain = ''] = to.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

/**
 * Messages to people. `queue…` writes the message and its delivery job in the caller's
 * transaction; the job hands it to the configured transport and records the outcome.
 */
export function createMessages(deps: {
  db: Db;
  clock: Clock;
  jobs: Jobs;
  personalData: PersonalData;
  transports: Transports;
  publicUrl: string;
  audit: Audit;
}) {
  const { db, clock, jobs, personalData, transports, publicUrl, audit } = deps;

  type Queued = Content & {
    kind: string;
    channel: 'sms' | 'email';
    language: Language;
    bookingId?: string;
    dedupeKey?: string;
  };

  /**
   * The message row and its delivery job, not yet written: `queue` writes one, and a booking's
   * notices write theirs together with the change's other outbox rows (one round trip).
   * Undefined for an e-mail when no e-mail transport is configured.
   */
  function planMessage(message: Queued): PlannedMessage | undefined {
    if (message.channel === 'email' && !transports.email) return undefined;
    const { kind, channel, language, bookingId, dedupeKey, ...content } = message;
    const id = randomUUID();
    return {
      message: {
        id,
        jobId: randomUUID(),
        kind,
        channel,
        language,
        bookingId: bookingId ?? null,
        recipientMasked: maskRecipient(channel, content.to),
        contentSealed: personalData.encrypt(JSON.stringify(content)),
        dedupeKey: dedupeKey ? `${dedupeKey}:${channel}` : null,
        createdAt: clock.now(),
      },
      job: jobs.newJob(DELIVER_MESSAGE, { payload: { messageId: id } }),
    };
  }

  async function queue(tx: Queryable, message: Queued) {
    const planned = planMessage(message);
    if (!planned) return undefined;
    return repo.insertMessageWithJob(tx, planned.message, planned.job);
  }

  /** The SMS, and the e-mail when the person gave an address: planned, not written. */
  function planBoth(
    kind: string,
    to: { mobile: string; email: string | null; language: Language },
    rendered: Rendered,
    extra: { attachments?: Attachment[]; dedupeKey?: string; bookingId?: string; channels?: Channels } = {},
  ) {
    const channels = extra.channels ?? BOTH;
    const common = {
      kind,
      language: to.language,
      ...(extra.bookingId ? { bookingId: extra.bookingId } : {}),
      ...(extra.dedupeKey ? { dedupeKey: extra.dedupeKey } : {}),
    };
    const planned: PlannedMessage[] = [];
    const add = (message: PlannedMessage | undefined) => message && planned.push(message);
    if (channels.sms) add(planMessage({ ...common, channel: 'sms', to: to.mobile, text: rendered.sms }));
    if (to.email && channels.email) {
      add(
        planMessage({
          ...common,
          channel: 'email',
          to: to.email,
          subject: rendered.email.subject,
          text: rendered.email.text,
          attachments: extra.attachments,
        }),
      );
    }
    return planned;
  }

  /** The SMS, and the e-mail when the person gave an address, one statement each. */
  async function queueBoth(tx: Queryable, ...args: Parameters<typeof planBoth>) {
    for (const { message, job } of planBoth(...args)) await repo.insertMessageWithJob(tx, message, job);
  }

  /** Who a booking's messages go to, and which booking they are about. */
  function bookingRecipient(booking: BookingContact) {
    return { mobile: booking.contactMobile, email: booking.contactEmail, language: booking.language };
  }

  type BookingMessage = {
    kind: BookingMessageKind;
    booking: BookingContact;
    facts: BookingFacts;
    manageToken?: string;
    calendar?: string;
    dedupeKey?: string;
    channels?: Channels;
  };

  /** A booking's message(s) rendered and sealed, for the caller to write in its own statement. */
  function planBookingMessage(input: BookingMessage) {
    const rendered = renderBookingMessage(input.kind, input.booking.language, input.facts, {
      publicUrl,
      manageToken: input.manageToken,
    });
    const attachments = input.calendar
      ? [
          {
            filename: 'mawaeed-booking.ics',
            contentType: 'text/calendar; charset=utf-8',
            content: input.calendar,
          },
        ]
      : undefined;
    return planBoth(input.kind, bookingRecipient(input.booking), rendered, {
      bookingId: input.booking.id,
      ...(attachments ? { attachments } : {}),
      ...(input.dedupeKey ? { dedupeKey: input.dedupeKey } : {}),
      ...(input.channels ? { channels: input.channels } : {}),
    });
  }

  async function queueBookingMessage(tx: Queryable, input: BookingMessage) {
    for (const { message, job } of planBookingMessage(input)) {
      await repo.insertMessageWithJob(tx, message, job);
    }
  }

  /** A message to a person who is not (yet) a booking: a waitlist entry's link or offer. */
  async function queuePersonMessage(
    tx: Queryable,
    input: {
      kind: string;
      to: { mobile: string; email: string | null; language: Language };
      rendered: Rendered;
      dedupeKey?: string;
    },
  ) {
    await queueBoth(
      tx,
      input.kind,
      input.to,
      input.rendered,
      input.dedupeKey ? { dedupeKey: input.dedupeKey } : {},
    );
  }

  /** For the admin's confirmation of a closure on a booked day (staff issue). */
  async function queueClosureNotice(
    tx: Queryable,
    input: { booking: BookingContact; facts: BookingFacts; date: string },
  ) {
    const rendered = renderClosureNotice(input.booking.language, input.facts, {
      publicUrl,
      date: input.date,
    });
    await queueBoth(tx, 'closure', bookingRecipient(input.booking), rendered, {
      bookingId: input.booking.id,
      dedupeKey: `closure:${input.booking.id}:${input.date}`,
    });
  }

  /** After a visit; the feedback issue supplies the link. */
  async function queueSurveyInvitation(
    tx: Queryable,
    input: {
      booking: BookingContact;
      centreName: BookingFacts['centreName'];
      link: string;
      channels?: Channels;
    },
  ) {
    const rendered = renderSurveyInvitation(input.booking.language, input);
    await queueBoth(tx, 'survey', bookingRecipient(input.booking), rendered, {
      bookingId: input.booking.id,
      dedupeKey: `survey:${input.booking.id}`,
      ...(input.channels ? { channels: input.channels } : {}),
    });
  }

  /**
   * An e-mail to staff about the system itself (a webhook endpoint disabled…), one per address,
   * in Arabic and English in one message since staff accounts carry no language.
   */
  async function queueStaffNotice(
    tx: Queryable,
    input: { kind: string; to: readonly string[]; subject: string; text: string; dedupeKey: string },
  ) {
    for (const to of input.to) {
      await queue(tx, {
        kind: input.kind,
        channel: 'email',
        language: 'en',
        to,
        subject: input.subject,
        text: input.text,
        dedupeKey: `${input.dedupeKey}:${to}`,
      });
    }
  }

  async function queueVerificationCode(
    tx: Queryable,
    input: { mobile: string; code: string; language: Language },
  ) {
    return queue(tx, {
      kind: 'verification',
      channel: 'sms',
      language: input.language,
      to: input.mobile,
      text: renderVerificationCode(input.language, { code: input.code, publicUrl }),
    });
  }

  /** The delivery job: safe to run twice, since a message leaves `pending` only once. */
  async function deliver(payload: Record<string, unknown>) {
    const message = await repo.findMessage(db, String(payload.messageId));
    if (message?.status !== 'pending') return;
    const transport = message.channel === 'sms' ? transports.sms : transports.email;
    if (!transport) {
      await repo.settleMessage(db, message.id, { status: 'skipped', lastError: 'no e-mail transport' });
      return;
    }
    const content = JSON.parse(personalData.decrypt(message.contentSealed)) as Content;
    await transport.send({ id: message.id, channel: message.channel, ...content });
    await repo.settleMessage(db, message.id, { status: 'sent', sentAt: clock.now(), lastError: null });
  }

  async function markUndeliverable(payload: Record<string, unknown>, error: string) {
    await repo.settleMessage(db, String(payload.messageId), { status: 'failed', lastError: error });
  }

  /**
   * The staff list. Administrators see every message; a centre manager only those about
   * bookings of their centres (a one-time code belongs to no centre, so it is not theirs), and
   * asking for another centre is answered as if it did not exist.
   */
  async function listMessages(
    actor: Actor,
    filter: { status?: MessageStatus | undefined; centreId?: string | undefined; limit?: number | undefined },
  ) {
    const staff = requireStaff(actor, {
      roles: CENTRE_ADMINS,
      ...(filter.centreId ? { centreId: filter.centreId } : {}),
    });
    const centreIds = filter.centreId
      ? [filter.centreId]
      : staff.role === 'administrator'
        ? undefined
        : staff.centreIds;
    const rows = await repo.listMessages(db, {
      ...(filter.status ? { status: filter.status } : {}),
      ...(centreIds ? { centreIds } : {}),
      limit: filter.limit ?? 100,
    });
    const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
    return {
      items: rows.map((r) => ({
        ...r,
        attempts: r.attempts ?? 0,
        nextAttemptAt: iso(r.nextAttemptAt),
        createdAt: r.createdAt.toISOString(),
        sentAt: iso(r.sentAt),
      })),
    };
  }

  /**
   * A failed message back to the queue with fresh attempts (the staff page's retry button),
   * audited. A centre manager reaches only messages about bookings of their centres.
   */
  async function retryMessage(actor: Actor, id: string) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    await db.transaction(async (tx) => {
      const found = await repo.findMessageForStaff(tx, id);
      if (
        !found ||
        (staff.role !== 'administrator' && !(found.centreId && reachesCentre(staff, found.centreId)))
      )
        throw new AppError('NOT_FOUND');
      const reopened = await repo.reopenFailedMessage(tx, id);
      if (!reopened) throw new AppError('NOT_FOUND');
      if (!(reopened.jobId && (await jobs.revive(tx, reopened.jobId)))) {
        const jobId = await jobs.enqueue(tx, DELIVER_MESSAGE, { payload: { messageId: id } });
        if (jobId) await repo.setMessageJob(tx, id, jobId);
      }
      await audit.record(tx, staff, {
        action: 'retry',
        entity: 'message',
        entityId: id,
        centreId: found.centreId,
        before: { status: 'failed', kind: found.kind, channel: found.channel, lastError: found.lastError },
        after: { status: 'pending' },
      });
    });
    return { id, status: 'pending' as const };
  }

  async function listDevInbox(limit = 100) {
    const rows = await repo.listDevInbox(db, limit);
    return {
      items: rows.map(({ delivery: r, language }) => ({
        id: r.id,
        messageId: r.messageId,
        channel: r.channel,
        language,
        to: maskRecipient(r.channel, r.recipient),
        subject: r.subject,
        text: r.body,
        attachments: r.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
        deliveredAt: r.deliveredAt.toISOString(),
      })),
    };
  }

  return {
    queue,
    planBookingMessage,
    queueBookingMessage,
    queuePersonMessage,
    queueClosureNotice,
    queueSurveyInvitation,
    queueStaffNotice,
    queueVerificationCode,
    deliveryJob: { run: deliver, onDead: markUndeliverable },
    listMessages,
    retryMessage,
    listDevInbox,
  };
}
export type Messages = ReturnType<typeof createMessages>;
