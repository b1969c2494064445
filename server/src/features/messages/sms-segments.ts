/**
 * How many SMS parts a text takes (3GPP TS 23.038): GSM-7 when every character is in the default
 * alphabet (160 per single message, 153 per part; extension characters count twice), otherwise
 * UCS-2, which Arabic always needs (70 single, 67 per part, counted in UTF-16 units).
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

export type SmsSize = { encoding: 'gsm7' | 'ucs2'; units: number; segments: number };

export function measureSms(text: string): SmsSize {
  let septets = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENSION.includes(ch)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'gsm7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

/** The first text that fits in `maxSegments`, or the last (shortest) one when none does. */
export function fitSms(variants: string[], maxSegments = 2): string {
  for (const text of variants) if (measureSms(text).segments <= maxSegments) return text;
  const last = variants.at(-1);
  if (last === undefined) throw new Error('no SMS variant');
  return last;
}
