import { useTranslation } from 'react-i18next';
import type { AvailabilityDay } from '../../api/catalogue';
import type { Choice } from '../../components/choice-list';
import { useLanguage } from '../../i18n/i18n';
import { formatDate } from '../../lib/format';
import { freeSlots } from '../catalogue/use-catalogue';

/** Each day as a choice: open days say how many times are free, closed ones say why and can't be picked. */
export function useDayChoices(days: AvailabilityDay[]): Choice[] {
  const { t } = useTranslation();
  const language = useLanguage();
  return days.map((day) => {
    const free = freeSlots(day).length;
    const closed = !day.open;
    return {
      value: day.date,
      label: formatDate(day.date, language),
      disabled: closed || free === 0,
      testId: `day-${day.date}`,
      hint: closed
        ? t('hours.closedBecause', { reason: day.reasonName?.[language] ?? t('hours.closed') })
        : free === 0
          ? t('availability.full')
          : t('availability.free', { count: free }),
    };
  });
}
