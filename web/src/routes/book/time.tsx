import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { Navigate, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../components/back-link';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { useSelected } from '../../features/booking/selected';
import { TimeChoices } from '../../features/booking/time-choices';
import { useStep } from '../../features/booking/use-step';
import { WizardStep } from '../../features/booking/wizard-step';
import { updateAnswers } from '../../features/booking/wizard-store';
import { freeSlots, useAvailability } from '../../features/catalogue/use-catalogue';
import { JoinWaitlist } from '../../features/waitlist/join-waitlist';
import { useLanguage } from '../../i18n/i18n';
import { formatDate } from '../../lib/format';
import { zoneName } from '../../lib/time-zone';

export function BookTimePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const step = useStep('/book/time');
  const { answers } = step;
  const { centre } = useSelected(answers);
  const availability = useAvailability(centre, answers.serviceId);
  const [error, setError] = useState<string>();

  if (step.redirect) return <Navigate to={step.redirect} />;
  if (!availability.data || !centre) return <Loading query={availability} />;
  const day = availability.data.days.find((d) => d.date === answers.date);
  if (!day || freeSlots(day).length === 0)
    return (
      <ClosedDayPage
        date={answers.date ?? ''}
        reason={day?.open === false ? day.reasonName?.[language] : undefined}
        centreName={centre.name[language]}
      />
    );

  const title = t('book.time.title');
  return (
    <WizardStep
      title={title}
      back={step.back('/book/date')}
      errors={error ? [{ field: 'time', message: error }] : []}
      onContinue={() => {
        if (!answers.start) return setError(t('book.time.required'));
        updateAnswers({ notice: undefined });
        step.next(answers, '/book/details');
      }}
      before={
        answers.notice === 'SLOT_TAKEN' && (
          <Alert
            color="red"
            variant="outline"
            role="alert"
            title={t('book.time.takenTitle')}
            data-testid="slot-taken"
          >
            {t('book.time.takenBody')}
          </Alert>
        )
      }
    >
      <Text data-testid="time-context">
        {t('book.time.context', {
          date: formatDate(day.date, language),
          centre: centre.name[language],
          zone: zoneName(centre.timeZone, language),
        })}
      </Text>
      <TimeChoices
        day={day}
        timeZone={centre.timeZone}
        value={answers.start}
        error={error}
        onChange={(start) => {
          setError(undefined);
          updateAnswers({ start });
        }}
      />
    </WizardStep>
  );
}

/** The date chosen is closed (or has filled up): say why, and offer another date. */
function ClosedDayPage({ date, reason, centreName }: { date: string; reason?: string; centreName: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const title = t('closedDay.title', { centre: centreName, date: formatDate(date, language) });
  usePageTitle(title);
  return (
    <Stack gap="lg" maw="40rem" align="flex-start" data-testid="closed-day">
      <BackLink to="/book/date">{t('form.back')}</BackLink>
      <Title order={1}>{title}</Title>
      <Text>{reason ? t('hours.closedBecause', { reason }) : t('closedDay.full')}</Text>
      {!reason && <JoinWaitlist />}
      <Button
        onClick={() => {
          updateAnswers({ date: undefined, start: undefined });
          void navigate({ to: '/book/date' });
        }}
      >
        {t('closedDay.another')}
      </Button>
    </Stack>
  );
}
