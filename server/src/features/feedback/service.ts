import type { FeedbackAnswer, StaffFeedback } from '@mawaeed/core/contracts/feedback';
import { waitingMinutes } from '@mawaeed/core/kpi/formulas';
import { todayIn, toInstant } from '@mawaeed/core/time/local';
import type { Db, Tx } from '../../db/client';
import { type Actor, CENTRE_ADMINS, requireStaff, type StaffActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { hashSecret, makeSecret } from '../../lib/personal-data';
import type { Audit } from '../audit/service';
import type { BookingService } from '../bookings/service';
import type { CatalogueService } from '../catalogue/service';
import type { CustomerFiles } from '../customer-files/service';
import { noteVisitRated } from '../dashboard/service';
import type { Messages } from '../messages/service';
import type { Webhooks } from '../webhooks/service';
import * as repo from './repository';

const LINK_DAYS = 7;
/** A rating at or under this on any dimension opens a follow-up for the centre's manager. */
export const LOW_RATING = 2;

/** The facts of a served visit, as the hall hands them over in its own transaction. */
export type ServedVisit = {
  id: string;
  centreId: string;
  serviceId: string;
  counterId: string | null;
  bookingId: string | null;
  customerId: string | null;
  appointmentAt: Date | null;
  queuedAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export function feedbackLink(publicUrl: string, token: string) {
  return `${publicUrl.replace(/\/$/, '')}/feedback/${token}`;
}

/**
 * Visit feedback: the invitation written with the visit's end, the one-use public form, the
 * answers staff read, and the follow-ups a low rating opens.
 */
export function createFeedback(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  bookings: BookingService;
  catalogue: CatalogueService;
  messages: Messages;
  publicUrl: string;
  /** Partners subscribed to feedback.received hear of each answer (ratings, never the comment). */
  webhooks?: Pick<Webhooks, 'emit'>;
  /** The customer file's consents: a withdrawn `feedback_invitations` sends no invitation, `email` none by e-mail. */
  consents?: Pick<CustomerFiles, 'withdrawnConsents'>;
}) {
  const { db, clock, audit, bookings, catalogue, messages, publicUrl } = deps;

  /**
   * Called by the hall when a ticket is served, in that transaction: the invitation and its
   * message commit with the visit or not at all. A walk-in without a known person gets no
   * message (nobody to send it to). Returns the link (for the counter's tablet).
   */
  async function inviteAfterVisit(tx: Tx, visit: ServedVisit, by: { staffId: string | null }) {
    const now = clock.now();
    const booking = visit.bookingId ? await bookings.findById(tx, visit.bookingId) : undefined;
    const secret = makeSecret();
    const invitation = await repo.insertInvitation(tx, {
      tokenHash: secret.hash,
      ticketId: visit.id,
      centreId: visit.centreId,
      serviceId: visit.serviceId,
      counterId: visit.counterId,
      staffId: by.staffId,
      customerId: visit.customerId,
      waitingMinutes: waitingMinutes(visit),
      language: booking?.language ?? 'ar',
      visitedAt: visit.finishedAt ?? now,
      expiresAt: new Date(now.getTime() + LINK_DAYS * 86_400_000),
    });
    if (!invitation) return null;
    const link = feedbackLink(publicUrl, secret.token);
    const withdrawn =
      (visit.customerId !== null && (await deps.consents?.withdrawnConsents(tx, visit.customerId))) ||
      new Set();
    if (booking && !withdrawn.has('feedback_invitations')) {
      const { centre } = await catalogue.describe(visit.centreId, visit.serviceId, tx);
      const channels = { sms: true, email: !withdrawn.has('email') };
      await messages.queueSurveyInvitation(tx, { booking, centreName: centre.name, link, channels });
    }
    return link;
  }

  async function openInvitation(token: string) {
    const invitation = await repo.findInvitation(db, hashSecret(token));
    if (!invitation) throw new AppError('NOT_FOUND');
    if (invitation.usedAt) throw new AppError('FEEDBACK_ALREADY_GIVEN');
    if (invitation.expiresAt.getTime() <= clock.now().getTime()) throw new AppError('FEEDBACK_LINK_EXPIRED');
    return invitation;
  }

  /** What the public form shows: where and when the visit was, never who came. */
  async function showInvitation(token: string) {
    const invitation = await openInvitation(token);
    const { centre, service } = await catalogue.describe(invitation.centreId, invitation.serviceId);
    return {
      centreName: centre.name,
      serviceName: service.name,
      visitDate: todayIn(centre.timeZone, invitation.visitedAt),
      language: invitation.language,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  async function answer(token: string, body: FeedbackAnswer) {
    await openInvitation(token); // the clear reason (used, expired) before the guarded take
    const now = clock.now();
    await db.transaction(async (tx) => {
      const invitation = await repo.useInvitation(tx, hashSecret(token), now);
      if (!invitation) throw new AppError('FEEDBACK_ALREADY_GIVEN');
      const row = await repo.insertFeedback(tx, {
        invitationId: invitation.id,
        centreId: invitation.centreId,
        serviceId: invitation.serviceId,
        counterId: invitation.counterId,
        staffId: invitation.staffId,
        customerId: invitation.customerId,
        waitingMinutes: invitation.waitingMinutes,
        performance: body.performance,
        organisation: body.organisation,
        quality: body.quality,
        comment: body.comment ? body.comment : null,
        language: invitation.language,
        visitedAt: invitation.visitedAt,
        createdAt: now,
      });
      await noteVisitRated(tx, row, now);
      const low = Math.min(body.performance, body.organisation, body.quality) <= LOW_RATING;
      // Ratings and where: never the comment, which is the person's own words.
      await deps.webhooks?.emit(tx, 'feedback.received', async () => ({
        centre: { id: row.centreId, code: (await catalogue.requireCentre(row.centreId, tx)).code },
        serviceId: row.serviceId,
        counterId: row.counterId,
        ratings: { performance: row.performance, organisation: row.organisation, quality: row.quality },
        withComment: row.comment !== null,
        followUp: low,
        waitingMinutes: row.waitingMinutes,
        visitedAt: row.visitedAt.toISOString(),
      }));
      if (low) {
        await repo.openFollowUp(tx, {
          feedbackId: row.id,
          centreId: row.centreId,
          customerId: row.customerId,
          status: 'open',
          createdAt: now,
        });
      }
    });
    return { received: true as const };
  }

  function centresOf(staff: StaffActor, centreId?: string) {
    if (centreId) {
      requireStaff(staff, { centreId });
      return [centreId];
    }
    return staff.role === 'administrator' ? null : staff.centreIds;
  }

  async function listFeedback(
    actor: Actor,
    query: { centreId?: string | undefined; from: string; to: string },
  ) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    // The period is in local dates; Bahrain's zone is the default, a centre's own when one is named.
    const zone = query.centreId ? (await catalogue.requireCentre(query.centreId)).timeZone : 'Asia/Bahrain';
    const from = toInstant(query.from, '00:00', zone);
    const to = toInstant(query.to, '00:00', zone);
    if (!from || !to) throw new AppError('VALIDATION_FAILED');
    const rows = await repo.listFeedback(db, {
      centreIds: centresOf(staff, query.centreId),
      from,
      to: new Date(to.getTime() + 86_400_000),
    });
    return {
      items: rows.map((r) =>
        toStaffFeedback(
          r.feedback,
          r.followUpId ? { id: r.followUpId, status: r.followUpStatus ?? 'open' } : null,
        ),
      ),
    };
  }

  async function listFollowUps(
    actor: Actor,
    query: { centreId?: string | undefined; status?: 'open' | 'closed' | undefined },
  ) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const rows = await repo.listFollowUps(db, {
      centreIds: centresOf(staff, query.centreId),
      status: query.status,
    });
    return { items: rows.map((r) => toFollowUp(r.followUp, r.feedback)) };
  }

  async function closeFollowUp(actor: Actor, id: string, note: string) {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    return db.transaction(async (tx) => {
      const found = await repo.findFollowUp(tx, id);
      if (!found) throw new AppError('NOT_FOUND');
      requireStaff(staff, { centreId: found.centreId });
      const closed = await repo.closeFollowUp(tx, id, { note, closedBy: staff.id, closedAt: clock.now() });
      if (!closed) throw new AppError('FOLLOW_UP_CLOSED');
      // The note may name the person; the audit line keeps only that it was closed.
      await audit.record(tx, staff, {
        action: 'close',
        entity: 'follow_up',
        entityId: id,
        centreId: found.centreId,
        before: { status: 'open' },
        after: { status: 'closed' },
      });
      const [row] = await repo.listFollowUps(tx, { centreIds: [found.centreId], id });
      if (!row) throw new AppError('NOT_FOUND');
      return toFollowUp(row.followUp, row.feedback);
    });
  }

  /**
   * Demo mode: the newest served visits of the seeded history get their invitations (and their
   * messages in the developer inbox), as if they had just been served, so the form can be tried.
   * Not bounded by age: after a weekend or a holiday the last working day may be days back (a
   * 3-day bound left a Sunday afternoon's first start with none); the link's 7 days run from now.
   */
  async function inviteRecentVisits(limit: number) {
    const visits = await repo.listUninvitedVisits(db, limit);
    await db.transaction(async (tx) => {
      for (const v of visits) await inviteAfterVisit(tx, v, { staffId: null });
    });
    return visits.length;
  }

  return {
    inviteAfterVisit,
    inviteRecentVisits,
    showInvitation,
    answer,
    listFeedback,
    listFollowUps,
    closeFollowUp,
    purgeExpired: () => repo.purgeExpiredInvitations(db, clock.now()),
  };
}
export type Feedback = ReturnType<typeof createFeedback>;

function toStaffFeedback(
  r: repo.FeedbackRow,
  followUp: { id: string; status: 'open' | 'closed' } | null,
): StaffFeedback {
  return {
    id: r.id,
    centreId: r.centreId,
    serviceId: r.serviceId,
    counterId: r.counterId,
    staffId: r.staffId,
    waitingMinutes: r.waitingMinutes === null ? null : Math.round(r.waitingMinutes * 10) / 10,
    performance: r.performance,
    organisation: r.organisation,
    quality: r.quality,
    comment: r.comment,
    language: r.language,
    visitedAt: r.visitedAt.toISOString(),
    followUp,
  };
}

function toFollowUp(f: repo.FollowUpRow, fb: repo.FeedbackRow) {
  const { followUp: _, ...feedback } = toStaffFeedback(fb, null);
  return {
    id: f.id,
    centreId: f.centreId,
    status: f.status,
    note: f.note,
    createdAt: f.createdAt.toISOString(),
    closedAt: f.closedAt ? f.closedAt.toISOString() : null,
    feedback,
  };
}
