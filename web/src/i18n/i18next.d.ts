import 'i18next';
import type { StaffTexts } from '../staff/i18n/texts';
import type en from './en.json';

// Typed keys: t('home.heading') is checked against the English texts at compile time; the staff
// area's texts are the 'staff' namespace, loaded with the staff chunk (staff/i18n/texts.ts).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en; staff: StaffTexts };
  }
}
