import type { Language } from './language';

/** What a zone is called next to a time ("Bahrain time"): the API gives the zone, never a name. */
const NAMES: Record<string, Record<Language, string>> = {
  'Asia/Bahrain': { en: 'Bahrain time', ar: 'بتوقيت البحرين' },
  'Asia/Riyadh': { en: 'Saudi Arabia time', ar: 'بتوقيت السعودية' },
  'Asia/Dubai': { en: 'UAE time', ar: 'بتوقيت الإمارات' },
  'Asia/Qatar': { en: 'Qatar time', ar: 'بتوقيت قطر' },
  'Asia/Kuwait': { en: 'Kuwait time', ar: 'بتوقيت الكويت' },
  'Asia/Muscat': { en: 'Oman time', ar: 'بتوقيت عُمان' },
};

export function zoneName(timeZone: string, language: Language): string {
  const known = NAMES[timeZone];
  if (known) return known[language];
  const part = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
