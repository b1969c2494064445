/**
 * The display board's spoken call, as a list of short audio clips (web/public/voice, generated
 * once by scripts/gen-voice-clips.mjs): a chime, then the call in Arabic, then in English —
 * "ticket number P 17, counter number 4". Numbers are spoken as whole numbers (Arabic numbers
 * agree with what they count, so never digit by digit): 0–99 have a clip each, hundreds are
 * "h1"…"h9" joined to the rest by "and"; beyond 999 the digits are read one by one.
 */
export type VoiceLanguage = 'ar' | 'en';
export type CallToAnnounce = { number: string; counter: number };

export const VOICE_LANGUAGES: readonly VoiceLanguage[] = ['ar', 'en'];
export const CHIME_CLIP = 'chime';

function numberClips(n: number, language: VoiceLanguage): string[] {
  if (!Number.isInteger(n) || n < 0) return [];
  if (n > 999) return [...String(n)].map((d) => `${language}/n${d}`);
  if (n < 100) return [`${language}/n${n}`];
  const rest = n % 100;
  const hundreds = `${language}/h${Math.floor(n / 100)}`;
  return rest === 0 ? [hundreds] : [hundreds, `${language}/and`, `${language}/n${rest}`];
}

/** "P-017" → its letter and sequence; null for a number in another shape. */
export function parseTicketNumber(number: string): { letter: string; sequence: number } | null {
  const m = /^([A-Z])-?(\d{1,4})$/.exec(number.trim().toUpperCase());
  return m?.[1] && m[2] ? { letter: m[1], sequence: Number(m[2]) } : null;
}

/** One language's part of the call, without the chime. */
export function callClips(call: CallToAnnounce, language: VoiceLanguage): string[] {
  const ticket = parseTicketNumber(call.number);
  if (!ticket) return [];
  return [
    `${language}/ticket`,
    `${language}/letter-${ticket.letter}`,
    ...numberClips(ticket.sequence, language),
    `${language}/counter`,
    ...numberClips(call.counter, language),
  ];
}

/** The whole announcement: the chime, then Arabic, then English. */
export function announcementClips(call: CallToAnnounce): string[] {
  const parts = VOICE_LANGUAGES.map((language) => callClips(call, language));
  if (parts.some((p) => p.length === 0)) return [CHIME_CLIP];
  return [CHIME_CLIP, ...parts.flat()];
}
