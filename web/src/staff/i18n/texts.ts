import i18n from 'i18next';
import * as areas from './areas';

type Areas = typeof areas;
export type StaffTexts = { [A in keyof Areas]: Areas[A]['en'] };

function merge(language: 'en' | 'ar'): Record<string, unknown> {
  return Object.fromEntries(Object.entries(areas).map(([name, area]) => [name, area[language]]));
}

/**
 * Adds the staff texts to i18next as the 'staff' namespace. This module is loaded with the staff
 * chunk, so the portal's first load carries none of them.
 */
export function addStaffTexts(): void {
  for (const language of ['en', 'ar'] as const) {
    if (!i18n.hasResourceBundle(language, 'staff')) {
      i18n.addResourceBundle(language, 'staff', merge(language), true, true);
    }
  }
}
