/**
 * What differs by country about people's identifiers: the national ID number and mobile numbers.
 * Bahrain is the first profile; nothing else in the code knows these rules.
 */
export type CountryProfile = {
  code: string;
  /** Normalises a national ID as typed; null when it cannot be one. */
  parseNationalId(input: string): string | null;
  /** A mobile number as typed → E.164 (+97336001234); null when it is not a mobile. */
  parseMobile(input: string): string | null;
  /** A mobile for display where the public may see it: +973 •••• ••34. */
  maskMobile(e164: string): string;
  /** A national ID for display: •••••1236. */
  maskNationalId(id: string): string;
  /** A mobile written for people: +973 3600 1234. */
  formatMobile(e164: string): string;
};

const DIGIT_SETS = ['٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹'];

/** Arabic-Indic and Persian digits to ASCII digits; everything else unchanged. */
export function normaliseDigits(input: string): string {
  let out = '';
  for (const ch of input) {
    let mapped = ch;
    for (const set of DIGIT_SETS) {
      const i = set.indexOf(ch);
      if (i >= 0) mapped = String(i);
    }
    out += mapped;
  }
  return out;
}

export const BAHRAIN: CountryProfile = {
  code: 'BH',
  parseNationalId(input) {
    // CPR: exactly 9 digits. A check digit exists but its algorithm is not public, so none is applied.
    const cpr = normaliseDigits(input).replace(/[\s-]/g, '');
    return /^\d{9}$/.test(cpr) ? cpr : null;
  },
  parseMobile(input) {
    const compact = normaliseDigits(input).replace(/[\s\-().]/g, '');
    const m = /^(?:\+973|00973|973)?(\d{8})$/.exec(compact);
    // Mobiles are 8 digits starting 3 or 6; landlines (17…, 13…, 16…) and short numbers are refused.
    if (!m?.[1] || !/^[36]/.test(m[1])) return null;
    return `+973${m[1]}`;
  },
  maskMobile(e164) {
    return `+973 •••• ••${e164.slice(-2)}`;
  },
  maskNationalId(id) {
    return `•••••${id.slice(-4)}`;
  },
  formatMobile(e164) {
    const n = e164.slice(4);
    return `+973 ${n.slice(0, 4)} ${n.slice(4)}`;
  },
};
