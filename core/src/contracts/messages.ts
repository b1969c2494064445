import { z } from 'zod';
import { Id, Language } from './common';

export const MessageStatus = z.enum(['pending', 'sent', 'failed', 'skipped']);
export const MessageChannel = z.enum(['sms', 'email']);

export const MessageListQuery = z.strictObject({
  status: MessageStatus.optional(),
  /** Messages about bookings of this centre; a centre manager sees only their centres' anyway. */
  centreId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const MessageParams = z.strictObject({ id: Id });

/** A message as staff see it: the recipient masked, never the content. */
export const MessageSummary = z.object({
  id: Id,
  kind: z.string(),
  channel: MessageChannel,
  language: Language,
  recipient: z.string(),
  status: MessageStatus,
  reference: z.string().nullable(),
  /** The booking's centre; null for a message about no booking (a one-time code). */
  centreId: Id.nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export type MessageSummary = z.infer<typeof MessageSummary>;

export const MessageList = z.object({ items: z.array(MessageSummary) });
export const MessageRetried = z.object({ id: Id, status: z.literal('pending') });

export const DevInbox = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      messageId: Id,
      channel: MessageChannel,
      /** The language it was written in (the booking's, or the request's for a code); null once its message is purged. */
      language: Language.nullable(),
      to: z.string(),
      subject: z.string().nullable(),
      text: z.string(),
      attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })),
      deliveredAt: z.string(),
    }),
  ),
});
