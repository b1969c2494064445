import { Alert, Button, Stack, Text } from '@mantine/core';
import { Navigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceList } from '../../components/choice-list';
import { Loading } from '../../components/loading';
import { TimeText } from '../../components/time-text';
import { useDayChoices } from '../../features/booking/day-choices';
import { useSelected } from '../../features/booking/selected';
import { useStep } from '../../features/booking/use-step';
import { LegendHeading, WizardStep } from '../../features/booking/wizard-step';
import { updateAnswers } from '../../features/booking/wizard-store';
import { earliestFree, LOOK_AHEAD_DAYS, useAvailability } from '../../features/catalogue/use-catalogue';
import { JoinWaitlist } from '../../features/waitlist/join-waitlist';
import { useLanguage } from '../../i18n/i18n';
import { formatDate, formatTime } from '../../lib/format';
import { zoneName } from '../../lib/time-zone';

export function BookDatePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const step = useStep('/book/date');
  const { answers } = step;
  const { centre } = useSelected(answers);
  const availability = useAvailability(centre, answers.serviceId);
  const choices = useDayChoices(availability.data?.days ?? []);
  const [error, setError] = useState<string>();

  if (step.redirect) return <Navigate to={step.redirect} />;
  const title = t('book.date.title');
  const first = earliestFree(availability.data);
  return (
    <WizardStep
      title={title}
      back={step.back('/book/centre')}
      headingInside
      errors={error ? [{ field: 'date', message: error }] : []}
      onContinue={() => {
        if (!answers.date) return setError(t('book.date.required'));
        step.next(answers, '/book/time');
      }}
      before={
        first &&
        centre && (
          <Alert color="teal.9" variant="outline" title={t('book.date.earliestTitle')} data-testid="earliest">
            <Stack gap="sm" align="flex-start">
              <Text>
                {formatDate(first.day.date, language)}
                {t('list.separator')}
                <TimeText>{formatTime(first.slot.start, centre.timeZone, language)}</TimeText>{' '}
                {zoneName(centre.timeZone, language)}
              </Text>
              <Button
                variant="outline"
                data-testid="take-earliest"
                onClick={() => {
                  const after = { ...answers, date: first.day.date, start: first.slot.start };
                  updateAnswers({ date: first.day.date, start: first.slot.start, notice: undefined });
                  step.next(after, '/book/details');
                }}
              >
                {t('book.date.takeEarliest')}
              </Button>
            </Stack>
          </Alert>
        )
      }
    >
      {availability.data && centre ? (
        <>
          {!first && <Text>{t('availability.noneSoon', { days: LOOK_AHEAD_DAYS })}</Text>}
          {!first && <JoinWaitlist />}
          <ChoiceList
            id="date"
            name="date"
            legend={<LegendHeading>{title}</LegendHeading>}
            error={error}
            value={answers.date}
            onChange={(date) => {
              setError(undefined);
              if (date !== answers.date) updateAnswers({ date, start: undefined });
            }}
            choices={choices}
          />
        </>
      ) : (
        <Loading query={availability} />
      )}
    </WizardStep>
  );
}
