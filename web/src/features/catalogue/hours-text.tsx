import type { DayHours } from '@mawaeed/core/schedule/opening-hours';
import { useTranslation } from 'react-i18next';
import { TimeRange } from '../../components/time-text';
import { useLanguage } from '../../i18n/i18n';
import { formatTimeOfDay } from '../../lib/format';

/** "8:00 am – 2:00 pm" or "Closed: Eid al-Fitr". Times of day are the centre's own. */
export function HoursText({ hours }: { hours: DayHours }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!hours.open) return <>{t('hours.closedBecause', { reason: hours.reasonName[language] })}</>;
  return (
    <>
      {hours.intervals.map((i, n) => (
        <span key={i.open}>
          {n > 0 && ', '}
          <TimeRange from={formatTimeOfDay(i.open, language)} to={formatTimeOfDay(i.close, language)} />
        </span>
      ))}
      {hours.periodName && ` (${hours.periodName[language]})`}
      {hours.partial && ` (${hours.partial[language]})`}
    </>
  );
}
