/**
 * Booking references are read aloud over the phone and at the counter: no 0/O, 1/I/L, and
 * written in groups of four. Eight symbols from 31 give about 40 bits, never enough on its own to
 * reach a booking (that takes the manage token, or the CPR and a code), but unguessable in bulk.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_LENGTH = 8;

/** A new reference from random bytes (one byte per symbol, rejection-sampled to stay uniform). */
export function makeReference(randomBytes: (n: number) => Uint8Array): string {
  let out = '';
  const limit = 256 - (256 % REFERENCE_ALPHABET.length);
  while (out.length < REFERENCE_LENGTH) {
    for (const b of randomBytes(REFERENCE_LENGTH * 2)) {
      if (b < limit && out.length < REFERENCE_LENGTH)
        out += REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length];
    }
  }
  return out;
}

/** A reference as typed (any case, spaces or dashes, look-alike letters) → canonical, or null. */
export function parseReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== REFERENCE_LENGTH) return null;
  for (const ch of compact) if (!REFERENCE_ALPHABET.includes(ch)) return null;
  return compact;
}

/** ABCD-EFGH */
export function formatReference(reference: string): string {
  return `${reference.slice(0, 4)}-${reference.slice(4)}`;
}
