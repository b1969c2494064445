import { Navigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceList } from '../../components/choice-list';
import { Loading } from '../../components/loading';
import { useStep } from '../../features/booking/use-step';
import { LegendHeading, WizardStep } from '../../features/booking/wizard-step';
import { resetAnswers, updateAnswers } from '../../features/booking/wizard-store';
import { useServices } from '../../features/catalogue/use-catalogue';
import { useLanguage } from '../../i18n/i18n';

export function BookServicePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const services = useServices();
  const step = useStep('/book/service');
  const { answers } = step;
  const [error, setError] = useState<string>();

  // A new journey after a finished booking starts clean.
  useEffect(() => {
    if (answers.bookedReference) resetAnswers();
  }, [answers.bookedReference]);

  if (step.redirect) return <Navigate to={step.redirect} />;
  const title = t('book.service.title');
  const errors = error ? [{ field: 'service', message: error }] : [];
  return (
    <WizardStep
      title={title}
      back={step.back('/')}
      headingInside
      errors={errors}
      onContinue={() => {
        if (!answers.serviceId) return setError(t('book.service.required'));
        step.next(answers, '/book/centre');
      }}
    >
      {services.data ? (
        <ChoiceList
          id="service"
          name="service"
          legend={<LegendHeading>{title}</LegendHeading>}
          error={error}
          value={answers.serviceId}
          onChange={(serviceId) => {
            setError(undefined);
            if (serviceId !== answers.serviceId)
              updateAnswers({ serviceId, centreId: undefined, date: undefined, start: undefined });
          }}
          choices={services.data.map((s) => ({
            value: s.id,
            label: s.name[language],
            hint: s.description[language],
          }))}
        />
      ) : (
        <Loading query={services} />
      )}
    </WizardStep>
  );
}
