import { Navigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceList } from '../../components/choice-list';
import { Loading } from '../../components/loading';
import { useStep } from '../../features/booking/use-step';
import { LegendHeading, WizardStep } from '../../features/booking/wizard-step';
import { updateAnswers } from '../../features/booking/wizard-store';
import { EarliestFreeText } from '../../features/catalogue/earliest-free';
import { useAvailabilities } from '../../features/catalogue/use-catalogue';
import { useCentres } from '../../features/catalogue/use-centres';
import { useLanguage } from '../../i18n/i18n';

export function BookCentrePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const step = useStep('/book/centre');
  const { answers } = step;
  const centres = useCentres();
  const offering = (centres.data ?? []).filter(
    (c) => answers.serviceId && c.services.includes(answers.serviceId),
  );
  const availabilities = useAvailabilities(offering, answers.serviceId);
  const [error, setError] = useState<string>();

  if (step.redirect) return <Navigate to={step.redirect} />;
  const title = t('book.centre.title');
  return (
    <WizardStep
      title={title}
      back={step.back('/book/service')}
      headingInside
      errors={error ? [{ field: 'centre', message: error }] : []}
      onContinue={() => {
        if (!answers.centreId) return setError(t('book.centre.required'));
        step.next(answers, '/book/date');
      }}
    >
      {centres.data ? (
        <ChoiceList
          id="centre"
          name="centre"
          legend={<LegendHeading>{title}</LegendHeading>}
          error={error}
          value={answers.centreId}
          onChange={(centreId) => {
            setError(undefined);
            if (centreId !== answers.centreId) updateAnswers({ centreId, date: undefined, start: undefined });
          }}
          choices={offering.map((c, i) => ({
            value: c.id,
            label: c.name[language],
            hint: (
              <>
                {c.address[language]}
                <br />
                <EarliestFreeText query={availabilities[i]} timeZone={c.timeZone} />
              </>
            ),
          }))}
        />
      ) : (
        <Loading query={centres} />
      )}
    </WizardStep>
  );
}
