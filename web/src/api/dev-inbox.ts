import { getJson } from './http';

/** A message the `dev` transport delivered instead of sending it (core's DevInbox contract). */
export type DevMessage = {
  id: number;
  messageId: string;
  channel: 'sms' | 'email';
  language: 'ar' | 'en' | null;
  /** Masked by the server, as staff see it. */
  to: string;
  subject: string | null;
  text: string;
  attachments: { filename: string; contentType: string }[];
  deliveredAt: string;
};

const PATH = '/api/v1/dev/inbox';

/** The last messages delivered, newest first. */
export async function fetchDevInbox(signal?: AbortSignal): Promise<DevMessage[]> {
  return (await getJson<{ items: DevMessage[] }>(PATH, { signal })).items;
}

/**
 * Whether the server has the developer inbox (only with MAWAEED_MESSAGES_TRANSPORT=dev). A HEAD
 * request, so asking on every page never downloads the messages and their codes.
 */
export async function hasDevInbox(signal?: AbortSignal): Promise<boolean> {
  try {
    return (await fetch(PATH, { method: 'HEAD', signal })).ok;
  } catch {
    return false;
  }
}
