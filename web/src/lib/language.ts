import type { Bilingual, Language } from '@mawaeed/core/contracts/common';

export type { Language };

export const LANGUAGES = ['ar', 'en'] as const satisfies readonly Language[];

const STORAGE_KEY = 'mawaeed.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'ar' || value === 'en';
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/** The language the person chose before, else the first of the browser's that we speak, else English. */
export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage can be off (private modes, kiosk policies): the choice then lasts for this page only.
  }
}

function readStoredLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** `<html lang dir>` drive the browser's bidi, the screen reader's voice and Mantine's direction. */
export function applyDocumentLanguage(language: Language): void {
  const html = document.documentElement;
  html.lang = language;
  html.dir = directionOf(language);
}

/** The text of a bilingual API value in the given language. */
export function pickText(text: Bilingual, language: Language): string {
  return text[language];
}
