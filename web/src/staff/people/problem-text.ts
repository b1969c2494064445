import type { TFunction } from 'i18next';
import { StaffApiError } from '../api/http';

/**
 * What to tell someone whose action (not a form) was refused: a message of our own for the
 * codes this area knows, else the API's detail, which comes in the page's language.
 */
export function problemText(
  error: unknown,
  t: TFunction<'staff'>,
  byCode: Partial<Record<string, string>> = {},
): string {
  if (!(error instanceof StaffApiError)) return t('shell.form.failed');
  if (error.status === 0) return t('shell.form.network');
  const own = byCode[error.code];
  if (own) return own;
  if (error.status === 403) return t('shell.form.forbidden');
  return error.detail || t('shell.form.failed');
}
