import { TextInput, Title } from '@mantine/core';
import { BAHRAIN, normaliseDigits } from '@mawaeed/core/country/profile';
import { Navigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceList } from '../../components/choice-list';
import type { FieldError } from '../../components/error-summary';
import { useStep } from '../../features/booking/use-step';
import { WizardStep } from '../../features/booking/wizard-step';
import { updateAnswers } from '../../features/booking/wizard-store';
import { useLanguage } from '../../i18n/i18n';
import { isLanguage, type Language } from '../../lib/language';

type Draft = { name: string; cpr: string; mobile: string; email: string; language: Language };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const set = (field: keyof Draft) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((d) => ({ ...d, [field]: value }));
    // Each answer is kept as typed so it survives Back, Refresh and a language switch.
    updateAnswers({ [field]: value || undefined });
  };
  // CPR and mobile are kept only once valid (on Continue), normalised.
  const setDraftOnly = (field: 'cpr' | 'mobile') => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((d) => ({ ...d, [field]: value }));
  };

  const submit = () => {
    const found: FieldError[] = [];
    const name = draft.name.trim().replace(/\s+/g, ' ');
    if (!name) found.push({ field: 'name', message: t('book.details.nameRequired') });
    else if (name.length > 100) found.push({ field: 'name', message: t('book.details.nameTooLong') });
    const cprTyped = normaliseDigits(draft.cpr).replace(/[\s-]/g, '');
    const cpr = BAHRAIN.parseNationalId(draft.cpr);
    if (!cprTyped) found.push({ field: 'cpr', message: t('book.details.cprRequired') });
    else if (!cpr) found.push({ field: 'cpr', message: t('book.details.cprInvalid') });
    const mobile = BAHRAIN.parseMobile(draft.mobile);
    if (!draft.mobile.trim()) found.push({ field: 'mobile', message: t('book.details.mobileRequired') });
    else if (!mobile) found.push({ field: 'mobile', message: t('book.details.mobileInvalid') });
    const email = draft.email.trim();
    if (email && (!EMAIL.test(email) || email.length > 254))
      found.push({ field: 'email', message: t('book.details.emailInvalid') });
    setErrors(found);
    if (found.length > 0 || !cpr || !mobile) return;
    const patch = {
      name,
      cpr,
      mobile,
      email: email || undefined,
      language: draft.language,
      // A new number needs a new code.
      verification: answers.verification?.mobile === mobile ? answers.verification : undefined,
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
      <TextInput
        id="name"
        label={t('book.details.name')}
        description={t('book.details.nameHint')}
        autoComplete="name"
        value={draft.name}
        onChange={set('name')}
        error={errorOf('name')}
        size="md"
      />
      <TextInput
        id="cpr"
        label={t('book.details.cpr')}
        description={t('book.details.cprHint')}
        inputMode="numeric"
        autoComplete="off"
        dir="ltr"
        value={draft.cpr}
        onChange={setDraftOnly('cpr')}
        error={errorOf('cpr')}
        size="md"
        maw="16rem"
      />
      <TextInput
        id="mobile"
        type="tel"
        label={t('book.details.mobile')}
        description={t('book.details.mobileHint')}
        autoComplete="tel"
        dir="ltr"
        value={draft.mobile}
        onChange={setDraftOnly('mobile')}
        error={errorOf('mobile')}
        size="md"
        maw="20rem"
      />
      <TextInput
        id="email"
        type="email"
        label={t('book.details.email')}
        description={t('book.details.emailHint')}
        autoComplete="email"
        dir="ltr"
        value={draft.email}
        onChange={set('email')}
        error={errorOf('email')}
        size="md"
      />
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
