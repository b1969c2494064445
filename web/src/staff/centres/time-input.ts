/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits as Latin ones, so "٠٨:٣٠" is read as 08:30. */
export function normaliseDigits(value: string): string {
  return value.replace(/[٠-٩۰-۹]/g, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
}

/** "8:30", "0830" or "٨:٣٠" → "08:30"; null when it is not a time of day. */
export function parseTimeOfDay(value: string): string | null {
  const m = /^(\d{1,2}):?(\d{2})$/.exec(normaliseDigits(value).trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}
