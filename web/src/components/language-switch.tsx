import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n/i18n';

/** Offers the other language, named in that language (and marked with its `lang` for screen readers). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = currentLanguage(i18n.resolvedLanguage) === 'ar' ? 'en' : 'ar';
  return (
    <Button variant="outline" lang={other} onClick={() => void changeLanguage(other)}>
      {t(`language.${other}`)}
    </Button>
  );
}
