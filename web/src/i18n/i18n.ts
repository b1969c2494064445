import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { applyDocumentLanguage, isLanguage, LANGUAGES, type Language, storeLanguage } from '../lib/language';
import ar from './ar.json';
import en from './en.json';

// English defines the keys; Arabic must have every one of them, or this line fails the type check.
const arabic: typeof en = ar;

export const resources = { en: { translation: en }, ar: { translation: arabic } } as const;

/** Starts i18next synchronously (the texts are bundled) and keeps `<html>` and the title in step. */
export function initI18n(language: Language): void {
  i18n.on('languageChanged', (lng) => {
    if (!isLanguage(lng)) return;
    applyDocumentLanguage(lng);
    document.title = i18n.t('app.title');
  });
  void i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: LANGUAGES,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
}

/** Switches the page's language and remembers the choice on this device. */
export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
}

/** The current language, as a type the rest of the app can switch on. */
export function currentLanguage(lng: string | undefined): Language {
  return isLanguage(lng) ? lng : 'en';
}

/** The page's language, re-rendering when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return currentLanguage(instance.resolvedLanguage);
}
