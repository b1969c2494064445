import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AvailabilityDay } from '../../api/catalogue';
import { ChoiceList } from '../../components/choice-list';
import { TimeText } from '../../components/time-text';
import { useLanguage } from '../../i18n/i18n';
import { formatTime, isMorning } from '../../lib/format';
import { isBookable } from '../catalogue/use-catalogue';

/**
 * The times of one day as radio buttons, grouped into morning and afternoon. They share one
 * name, so arrow keys move through all of them; taken ones stay listed and cannot be picked.
 */
export function TimeChoices({
  day,
  timeZone,
  value,
  onChange,
  error,
}: {
  day: AvailabilityDay;
  timeZone: string;
  value: string | undefined;
  onChange: (start: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const groups = [
    { key: 'morning', slots: day.slots.filter((s) => isMorning(s.start, timeZone)) },
    { key: 'afternoon', slots: day.slots.filter((s) => !isMorning(s.start, timeZone)) },
  ] as const;
  let first = true;
  return (
    <Stack gap="lg">
      {groups
        .filter((g) => g.slots.length > 0)
        .map((g) => {
          const id = first ? 'time' : undefined;
          first = false;
          return (
            <ChoiceList
              key={g.key}
              id={id}
              name="time"
              legend={
                <Title order={2} size="h3">
                  {t(`book.time.${g.key}`)}
                </Title>
              }
              error={id ? error : undefined}
              value={value}
              onChange={onChange}
              choices={g.slots.map((s) => ({
                value: s.start,
                label: <TimeText>{formatTime(s.start, timeZone, language)}</TimeText>,
                disabled: !isBookable(s),
                hint: isBookable(s) ? undefined : t('availability.taken'),
                testId: `time-${s.start}`,
              }))}
            />
          );
        })}
    </Stack>
  );
}
