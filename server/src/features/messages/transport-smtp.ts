import nodemailer from 'nodemailer';
import type { Transport } from './transport';

export type SmtpConfig = { host: string; port: number; user?: string; pass?: string; from: string };

/** E-mail through an SMTP server (nodemailer), with the calendar file attached. */
export function createSmtpTransport(config: SmtpConfig): Transport {
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.port === 465,
    ...(config.user ? { auth: { user: config.user, pass: config.pass ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      await transporter.sendMail({
        from: config.from,
        to: message.to,
        subject: message.subject ?? '',
        text: message.text,
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
    },
    async close() {
      transporter.close();
    },
  };
}
