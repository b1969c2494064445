import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "Question – Mawaeed", prefixed with "Error:" while the page shows errors (GOV.UK). */
export function usePageTitle(title: string, hasError = false): void {
  const { t } = useTranslation();
  useEffect(() => {
    const base = `${title} – ${t('app.name')}`;
    document.title = hasError ? `${t('form.errorPrefix')} ${base}` : base;
  }, [title, hasError, t]);
}
