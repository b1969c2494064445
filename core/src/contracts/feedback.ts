import { z } from 'zod';
import { Id, Instant, Language, LocalDate } from './common';

const Name = z.object({ en: z.string(), ar: z.string() });

/** The token of a feedback link: what makeSecret() gives (base64url), nothing else. */
export const FeedbackParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });

/** What the public form shows before the person answers: the visit, never who they are. */
export const FeedbackInvitation = z.object({
  centreName: Name,
  serviceName: Name,
  visitDate: LocalDate,
  language: Language,
  expiresAt: Instant,
});

const Rating = z.number().int().min(1).max(5);

export const FeedbackAnswer = z.strictObject({
  performance: Rating,
  organisation: Rating,
  quality: Rating,
  comment: z.string().trim().max(2000).optional(),
});

export const FeedbackThanks = z.object({ received: z.literal(true) });

/** Feedback as staff read it: the comment is plain text, to be shown as text, never as markup. */
export const StaffFeedback = z.object({
  id: Id,
  centreId: Id,
  serviceId: Id,
  counterId: Id.nullable(),
  staffId: Id.nullable(),
  waitingMinutes: z.number().nullable(),
  performance: z.number().int(),
  organisation: z.number().int(),
  quality: z.number().int(),
  comment: z.string().nullable(),
  language: Language,
  visitedAt: Instant,
  followUp: z.object({ id: Id, status: z.enum(['open', 'closed']) }).nullable(),
});

export const FeedbackListQuery = z.strictObject({
  centreId: Id.optional(),
  from: LocalDate,
  to: LocalDate,
});
export const FeedbackList = z.object({ items: z.array(StaffFeedback) });

export const FollowUp = z.object({
  id: Id,
  centreId: Id,
  status: z.enum(['open', 'closed']),
  note: z.string().nullable(),
  createdAt: Instant,
  closedAt: Instant.nullable(),
  feedback: StaffFeedback.omit({ followUp: true }),
});
export const FollowUpListQuery = z.strictObject({
  centreId: Id.optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export const FollowUpList = z.object({ items: z.array(FollowUp) });
export const FollowUpParams = z.strictObject({ id: Id });
export const FollowUpClose = z.strictObject({ note: z.string().trim().min(1).max(2000) });

export type FeedbackAnswer = z.infer<typeof FeedbackAnswer>;
export type StaffFeedback = z.infer<typeof StaffFeedback>;
export type FeedbackInvitation = z.infer<typeof FeedbackInvitation>;
