import { errorMessage, isErrorCode } from '@mawaeed/core/contracts/errors';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { useLanguage } from '../../i18n/i18n';

/** A failure as a sentence in the page's language, chosen by the API's stable code, not its text. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (error) => {
    if (error instanceof ApiError) {
      if (error.code === 'NETWORK') return t('errors.network');
      if (isErrorCode(error.code)) return errorMessage(error.code, language);
    }
    return t('errors.unknown');
  };
}
