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
      if (isErrorCode(error.code)) {
        const own = errorMessage(error.code, language);
        // A message with figures in it (NO_SHOW_LIMIT's count and date) is the server's, which
        // filled them in and wrote it in the page's language (the request's Accept-Language).
        return own.includes('{') && error.message ? error.message : own;
      }
    }
    return t('errors.unknown');
  };
}
