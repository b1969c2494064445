import { useSyncExternalStore } from 'react';
import type { BookingCreated, BookingRequest } from '../../api/bookings';
import type { Centre, Service } from '../../api/catalogue';
import type { Language } from '../../lib/language';
import { readJson, writeJson } from '../../lib/storage';

/**
 * The wizard's answers live in sessionStorage, so they survive Back, Refresh and a language
 * switch, and leave with the tab. Nothing here is sent anywhere before "Confirm booking".
 */
export type Answers = {
  serviceId?: string;
  centreId?: string;
  date?: string;
  start?: string;
  name?: string;
  cpr?: string;
  mobile?: string;
  email?: string;
  language?: Language;
  verification?: { id: string; code: string; mobile: string };
  /** One key per distinct booking body, so a repeated submit never books twice. */
  idempotency?: { key: string; body: string };
  /** A message the next page shows once (the slot was taken meanwhile, the code was refused). */
  notice?: 'SLOT_TAKEN' | 'CODE_WRONG';
  /** Set once booked: Back then shows the booking, it does not book again. */
  bookedReference?: string;
};

const KEY = 'mawaeed.booking';
const listeners = new Set<() => void>();
let cache: Answers | undefined;

function read(): Answers {
  cache ??= readJson<Answers>('session', KEY) ?? {};
  return cache;
}

export function updateAnswers(patch: Partial<Answers>): void {
  const next = { ...read(), ...patch };
  for (const k of Object.keys(next) as (keyof Answers)[]) if (next[k] === undefined) delete next[k];
  cache = next;
  writeJson('session', KEY, next);
  for (const l of listeners) l();
}

export function resetAnswers(): void {
  cache = {};
  writeJson('session', KEY, null);
  for (const l of listeners) l();
}

export function useAnswers(): Answers {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, read);
}

/** The first step whose answer is missing, in journey order. */
export function firstMissingStep(a: Answers, otp: boolean): string | null {
  if (!a.serviceId) return '/book/service';
  if (!a.centreId) return '/book/centre';
  if (!a.date) return '/book/date';
  if (!a.start) return '/book/time';
  if (!a.name || !a.cpr || !a.mobile || !a.language) return '/book/details';
  // A refused code keeps its id (the person may retype it) but not its digits.
  if (otp && !a.verification?.code) return '/book/verify';
  return null;
}

export function bookingBody(a: Answers): BookingRequest {
  return {
    centreId: a.centreId ?? '',
    serviceId: a.serviceId ?? '',
    start: a.start ?? '',
    customer: {
      cpr: a.cpr ?? '',
      name: a.name ?? '',
      mobile: a.mobile ?? '',
      ...(a.email ? { email: a.email } : {}),
      language: a.language ?? 'en',
    },
    ...(a.verification ? { verification: { id: a.verification.id, code: a.verification.code } } : {}),
  };
}

/** The last booking made on this device, kept so its confirmation opens offline too. */
export type SavedBooking = { booking: BookingCreated; centre: Centre; service: Service; savedAt: string };

const LAST_KEY = 'mawaeed.lastBooking';

export function saveBooking(saved: SavedBooking): void {
  writeJson('local', LAST_KEY, saved);
}

export function lastBooking(): SavedBooking | null {
  return readJson<SavedBooking>('local', LAST_KEY);
}
