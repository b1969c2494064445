import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Availability } from '../../api/catalogue';
import { TimeText } from '../../components/time-text';
import { useLanguage } from '../../i18n/i18n';
import { formatDate, formatTime } from '../../lib/format';
import { zoneName } from '../../lib/time-zone';
import { earliestFree, LOOK_AHEAD_DAYS } from './use-catalogue';

/** "Earliest free: Sunday 3 May 2026, 8:00 am Bahrain time", computed from the availability. */
export function EarliestFreeText({
  query,
  timeZone,
}: {
  query: UseQueryResult<Availability> | undefined;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!query || query.isPending) return <>{t('common.loading')}</>;
  if (query.isError) return <>{t('errors.load')}</>;
  const first = earliestFree(query.data);
  if (!first) return <>{t('availability.noneSoon', { days: LOOK_AHEAD_DAYS })}</>;
  return (
    <span data-testid="earliest-free">
      {t('availability.earliest')}: {formatDate(first.day.date, language)}
      {t('list.separator')}
      <TimeText>{formatTime(first.slot.start, timeZone, language)}</TimeText> {zoneName(timeZone, language)}
    </span>
  );
}
