import { normaliseDigits } from '../country/profile';
import { parseReference } from './reference';

/** What a desk or a kiosk sends to check a booking in: the reference or the person's CPR. */
export type CheckInCode = { reference: string } | { cpr: string };

/**
 * What was typed, or typed by a USB scanner reading the booking's QR code → the check-in's body,
 * or null when nothing was. Nine digits (Arabic-Indic ones too) is a CPR; anything else goes as a
 * reference, canonical when it reads as one, else as typed for the server to refuse as unknown.
 */
export function readCheckInCode(input: string): CheckInCode | null {
  const value = normaliseDigits(input).trim();
  if (!value) return null;
  if (/^\d{9}$/.test(value)) return { cpr: value };
  return { reference: parseReference(value) ?? value.toUpperCase() };
}

/**
 * A camera reads every QR code held up to it; only a booking's (its content is the reference) is
 * taken. A ticket's live-page code, a CPR card's or anyone else's is null: the camera goes on looking.
 */
export function readScannedReference(payload: string): string | null {
  return parseReference(payload.trim());
}
