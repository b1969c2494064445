import { z } from 'zod';
import { Id, Language } from './common';

export const MessageStatus = z.enum(['pending', 'sent', 'failed', 'skipped']);
export const MessageChannel = z.enum(['sms', 'email']);

export const MessageListQuery = z.strictObject({
  status: MessageStatus.optional(),
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
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const MessageList = z.object({ items: z.array(MessageSummary) });
export const MessageRetried = z.object({ id: Id, status: z.literal('pending') });

export const DevInbox = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      messageId: Id,
      channel: MessageChannel,
      to: z.string(),
      subject: z.string().nullable(),
      text: z.string(),
      attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })),
      deliveredAt: z.string(),
    }),
  ),
});
