import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { insertDevDelivery } from './repository';
import { createSmsGateway } from './transport-sms';
import { createSmtpTransport } from './transport-smtp';

export type Attachment = { filename: string; contentType: string; content: string };
export type OutgoingMessage = {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  subject?: string | undefined;
  text: string;
  attachments?: Attachment[] | undefined;
};

/** Hands a message to the world; throws when it was not accepted (the job then retries). */
export type Transport = { send(message: OutgoingMessage): Promise<void>; close?(): Promise<void> };
export type Transports = { sms: Transport; email: Transport | null };

/** `dev`: every message lands in the dev_inbox table, which GET /api/v1/dev/inbox lists. */
export function createDevTransport(deps: { db: Db; clock: Clock }): Transport {
  return {
    async send(message) {
      await insertDevDelivery(deps.db, {
        messageId: message.id,
        channel: message.channel,
        recipient: message.to,
        subject: message.subject ?? null,
        body: message.text,
        attachments: message.attachments ?? [],
        deliveredAt: deps.clock.now(),
      });
    },
  };
}

/** The transports the configuration asks for: e-mail only when SMTP is configured (or in dev). */
export function createTransports(config: Config, deps: { db: Db; clock: Clock }): Transports {
  const { messages } = config;
  if (messages.transport === 'dev') {
    const dev = createDevTransport(deps);
    return { sms: dev, email: dev };
  }
  if (!messages.sms) throw new Error('MAWAEED_SMS_URL is required when MAWAEED_MESSAGES_TRANSPORT is live');
  return {
    sms: createSmsGateway(messages.sms),
    email: messages.smtp ? createSmtpTransport(messages.smtp) : null,
  };
}
