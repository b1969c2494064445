import { Title } from '@mantine/core';
import { BAHRAIN } from '@mawaeed/core/country/profile';
import { Navigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceList } from '../../components/choice-list';
import type { FieldError } from '../../components/error-summary';
import { checkPerson, type PersonDraft, PersonFields } from '../../features/booking/person-fields';
import { useStep } from '../../features/booking/use-step';
import { WizardStep } from '../../features/booking/wizard-step';
import { updateAnswers } from '../../features/booking/wizard-store';
import { useLanguage } from '../../i18n/i18n';
import { isLanguage, type Language } from '../../lib/language';

type Draft = PersonDraft & { language: Language };

/** Name, CPR, mobile, optional e-mail and the language for messages: the only typed answers. */
export function BookDetailsPage() {
  const { t } = useTranslation();
  const pageLanguage = useLanguage();
  const step = useStep('/book/details');
  const { answers } = step;
  const [draft, setDraft] = useState<Draft>(() => ({
    name: answers.name ?? '',
    cpr: answers.cpr ?? '',
    mobile: answers.mobile ? BAHRAIN.formatMobile(answers.mobile) : '',
    email: answers.email ?? '',
    language: answers.language ?? pageLanguage,
  }));
  const [errors, setErrors] = useState<FieldError[]>([]);

  if (step.redirect) return <Navigate to={step.redirect} />;
  // Each answer but CPR and mobile is kept as typed so it survives Back, Refresh and a language
  // switch; CPR and mobile are kept only once valid (on Continue), normalised.
  const change = (field: keyof PersonDraft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (field === 'name' || field === 'email') updateAnswers({ [field]: value || undefined });
  };

  const submit = () => {
    const { errors: found, person } = checkPerson(draft, (key) => t(key));
    setErrors(found);
    if (!person) return;
    const patch = {
      ...person,
      language: draft.language,
      // A new number needs a new code.
      verification: answers.verification?.mobile === person.mobile ? answers.verification : undefined,
    };
    updateAnswers(patch);
    step.next({ ...answers, ...patch }, '/book/verify');
  };

  return (
    <WizardStep
      title={t('book.details.title')}
      back={step.back('/book/time')}
      errors={errors}
      onContinue={submit}
    >
      <PersonFields draft={draft} onChange={change} errors={errors} />
      <ChoiceList
        id="language"
        name="language"
        legend={
          <Title order={2} size="h4">
            {t('book.details.language')}
          </Title>
        }
        value={draft.language}
        onChange={(value) => {
          if (!isLanguage(value)) return;
          setDraft((d) => ({ ...d, language: value }));
          updateAnswers({ language: value });
        }}
        choices={[
          { value: 'ar', label: <span lang="ar">العربية</span> },
          { value: 'en', label: <span lang="en">English</span> },
        ]}
      />
    </WizardStep>
  );
}
