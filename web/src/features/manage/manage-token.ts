import { readJson, writeJson } from '../../lib/storage';
import { lastBooking, saveBooking } from '../booking/wizard-store';

const KEY = 'mawaeed.manage';

/**
 * The manage token of a booking: from the link's fragment (#token=…, never sent to the server,
 * so never in its logs), kept for this tab; else the one of the booking made on this device.
 */
export function takeTokenFromLocation(reference: string): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return;
  rememberToken(reference, decodeURIComponent(match[1]));
  // Drop the fragment so the token is not left in history or shared by copying the address.
  history.replaceState(history.state, '', window.location.pathname + window.location.search);
}

export function rememberToken(reference: string, token: string): void {
  const tokens = readJson<Record<string, string>>('session', KEY) ?? {};
  writeJson('session', KEY, { ...tokens, [reference]: token });
}

export function tokenFor(reference: string): string | null {
  const tokens = readJson<Record<string, string>>('session', KEY) ?? {};
  if (tokens[reference]) return tokens[reference];
  const saved = lastBooking();
  return saved?.booking.reference === reference ? saved.booking.manageToken : null;
}

/** Keeps the offline confirmation in step after a change. */
export function refreshSavedBooking(booking: {
  reference: string;
  start: string;
  end: string;
  status: string;
}) {
  const saved = lastBooking();
  if (saved?.booking.reference !== booking.reference) return;
  saveBooking({
    ...saved,
    booking: { ...saved.booking, start: booking.start, end: booking.end, status: booking.status as never },
  });
}
