import type { BookingCreated } from '@mawaeed/core/contracts/bookings';
import type {
  WaitlistEntry,
  WaitlistJoin,
  WaitlistJoined,
  WaitlistOffer,
} from '@mawaeed/core/contracts/waitlist';
import { getJson, postJson } from './http';

export type { WaitlistEntry, WaitlistJoined, WaitlistOffer };

/** The body the join form sends (digits and phone formats are normalised by the server too). */
export type WaitlistRequest = Omit<WaitlistJoin, 'customer'> & { customer: WaitlistJoin['customer'] };

export function joinWaitlist(body: WaitlistRequest, idempotencyKey: string): Promise<WaitlistJoined> {
  return postJson<WaitlistJoined>('/api/v1/waitlist', body, { idempotencyKey });
}

export function fetchEntry(token: string, signal?: AbortSignal): Promise<WaitlistEntry> {
  return getJson<WaitlistEntry>('/api/v1/waitlist/entry', { token, signal });
}

export function leaveWaitlist(token: string): Promise<WaitlistEntry> {
  return postJson<WaitlistEntry>('/api/v1/waitlist/entry/leave', {}, { token });
}

export function fetchOffer(token: string, signal?: AbortSignal): Promise<WaitlistOffer> {
  return getJson<WaitlistOffer>('/api/v1/waitlist/offer', { token, signal });
}

export function acceptOffer(token: string, idempotencyKey: string): Promise<BookingCreated> {
  return postJson<BookingCreated>('/api/v1/waitlist/offer/accept', {}, { token, idempotencyKey });
}

export function declineOffer(token: string): Promise<WaitlistOffer> {
  return postJson<WaitlistOffer>('/api/v1/waitlist/offer/decline', {}, { token });
}
