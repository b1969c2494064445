import type { Booking, BookingCreated } from '@mawaeed/core/contracts/bookings';
import type { Language } from '@mawaeed/core/contracts/common';
import { getJson, postJson, request } from './http';

export type { Booking, BookingCreated };

/** What the wizard sends; the server normalises digits and phone formats too. */
export type BookingRequest = {
  centreId: string;
  serviceId: string;
  start: string;
  customer: { cpr: string; name: string; mobile: string; email?: string; language: Language };
  verification?: { id: string; code: string };
  captcha?: string;
};

const path = (reference: string) => `/api/v1/bookings/${encodeURIComponent(reference)}`;

export async function createBooking(body: BookingRequest, idempotencyKey: string): Promise<BookingCreated> {
  return postJson<BookingCreated>('/api/v1/bookings', body, { idempotencyKey });
}

export async function fetchBooking(reference: string, token: string, signal?: AbortSignal): Promise<Booking> {
  return getJson<Booking>(path(reference), { token, signal });
}

export async function cancelBooking(reference: string, token: string): Promise<Booking> {
  return postJson<Booking>(`${path(reference)}/cancel`, {}, { token });
}

export async function rescheduleBooking(reference: string, token: string, start: string): Promise<Booking> {
  return postJson<Booking>(`${path(reference)}/reschedule`, { start }, { token });
}

export async function accessBooking(
  reference: string,
  body: { cpr: string; verification?: { id: string; code: string } },
): Promise<{ manageToken: string }> {
  return postJson<{ manageToken: string }>(`${path(reference)}/access`, body);
}

/** The calendar file, fetched with the token (a plain link could not carry it) and saved as a download. */
export async function downloadCalendar(reference: string, token: string): Promise<void> {
  const response = await request(`${path(reference)}/calendar.ics`, { token });
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `mawaeed-${reference}.ics`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type VerificationCreated = { id: string; expiresAt: string };

export async function requestVerification(
  mobile: string,
  purpose: 'book' | 'manage',
): Promise<VerificationCreated> {
  return postJson<VerificationCreated>('/api/v1/verifications', { mobile, purpose });
}

/** A code to the mobile of the booking with this reference (the person may not remember which). */
export async function requestManageVerification(reference: string): Promise<VerificationCreated> {
  return postJson<VerificationCreated>('/api/v1/verifications', { reference, purpose: 'manage' });
}
