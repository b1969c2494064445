import { Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { BAHRAIN, normaliseDigits } from '@mawaeed/core/country/profile';
import { todayIn } from '@mawaeed/core/time/local';
import { Navigate, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestVerification } from '../../api/bookings';
import { ApiError } from '../../api/http';
import { joinWaitlist } from '../../api/waitlist';
import { CheckList } from '../../components/check-list';
import type { FieldError } from '../../components/error-summary';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { CodeField } from '../../features/booking/code-field';
import { useErrorText } from '../../features/booking/error-text';
import { PersonFields } from '../../features/booking/person-fields';
import { WizardStep } from '../../features/booking/wizard-step';
import { useAnswers } from '../../features/booking/wizard-store';
import { useServices, useSettings } from '../../features/catalogue/use-catalogue';
import { useCentres } from '../../features/catalogue/use-centres';
import {
  checkJoinDraft,
  defaultRange,
  type JoinDraft,
  PARTS,
  type Part,
} from '../../features/waitlist/join-form';
import { rememberWaitlistToken } from '../../features/waitlist/tokens';
import { useLanguage } from '../../i18n/i18n';

/**
 * "Join the waitlist" for the service chosen in the booking wizard when nothing is free: which
 * centres, dates and parts of the day the person accepts, who they are, and (when the deployment
 * asks for it) a code sent to their mobile. One entry per person and service.
 */
export function WaitlistJoinPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const answers = useAnswers();
  const settings = useSettings();
  const services = useServices();
  const centres = useCentres();
  // The chosen centre's today (not the browser's); the form's range starts there.
  const zone = centres.data?.find((c) => c.id === answers.centreId)?.timeZone ?? 'UTC';
  const today = todayIn(zone, new Date());
  const [draft, setDraft] = useState<JoinDraft>(() => ({
    centreIds: answers.centreId ? [answers.centreId] : [],
    // Today by the centre's calendar, or the start of the centre's zone range once centres load.
    ...defaultRange(answers.date ?? today),
    timesOfDay: [...PARTS],
    name: answers.name ?? '',
    cpr: answers.cpr ?? '',
    mobile: answers.mobile ? BAHRAIN.formatMobile(answers.mobile) : '',
    email: answers.email ?? '',
    language: answers.language ?? language,
  }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [pending, setPending] = useState<{ id: string; mobile: string } | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const service = services.data?.find((s) => s.id === answers.serviceId);
  if (!answers.serviceId) return <Navigate to="/book/service" />;
  if (!service || !centres.data || !settings.data)
    return <Loading query={services.data ? centres : services} />;
  const offering = centres.data.filter((c) => c.services.includes(service.id));
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const set =
    (field: 'from' | 'to' | 'name' | 'cpr' | 'mobile' | 'email') =>
    (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setDraft((d) => ({ ...d, [field]: value }));
    };

  const submit = async () => {
    const checked = checkJoinDraft(draft, today, (key) => t(key));
    setErrors(checked.errors);
    if (!checked.body) return;
    const body = { serviceId: service.id, ...checked.body };
    setBusy(true);
    try {
      if (settings.data.otp && pending?.mobile !== body.customer.mobile) {
        const sent = await requestVerification(body.customer.mobile, 'book');
        setPending({ id: sent.id, mobile: body.customer.mobile });
        return;
      }
      let verification: { id: string; code: string } | undefined;
      if (settings.data.otp && pending) {
        const digits = normaliseDigits(code).replace(/\s/g, '');
        if (!/^\d{6}$/.test(digits)) return setErrors([{ field: 'code', message: t('book.verify.invalid') }]);
        verification = { id: pending.id, code: digits };
      }
      const joined = await joinWaitlist(
        { ...body, ...(verification ? { verification } : {}) },
        idempotencyKey,
      );
      rememberWaitlistToken('entry', joined.manageToken);
      void navigate({ to: '/waitlist/entry', search: { joined: true } });
    } catch (err) {
      const field = err instanceof ApiError && err.code.startsWith('VERIFICATION') ? 'code' : 'centres';
      setErrors([{ field, message: errorText(err) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <WizardStep
      title={t('waitlist.join.title')}
      back="/book/date"
      errors={errors}
      busy={busy}
      continueLabel={
        pending
          ? t('waitlist.join.submit')
          : settings.data.otp
            ? t('waitlist.join.sendCode')
            : t('waitlist.join.submit')
      }
      onContinue={() => void submit()}
    >
      <Text>{t('waitlist.join.intro', { service: service.name[language] })}</Text>
      <CheckList
        id="centres"
        name="centres"
        legend={
          <Title order={2} size="h4">
            {t('waitlist.join.centres')}
          </Title>
        }
        value={draft.centreIds}
        onChange={(centreIds) => setDraft((d) => ({ ...d, centreIds }))}
        error={errorOf('centres')}
        choices={offering.map((c) => ({ value: c.id, label: c.name[language] }))}
      />
      <Group align="flex-start" gap="md">
        <TextInput
          id="from"
          type="date"
          label={t('waitlist.join.from')}
          dir="ltr"
          value={draft.from}
          min={today}
          onChange={set('from')}
          error={errorOf('from')}
          size="md"
        />
        <TextInput
          id="to"
          type="date"
          label={t('waitlist.join.to')}
          dir="ltr"
          value={draft.to}
          min={draft.from || today}
          onChange={set('to')}
          error={errorOf('to')}
          size="md"
        />
      </Group>
      <CheckList
        id="times"
        name="times"
        legend={
          <Title order={2} size="h4">
            {t('waitlist.join.times')}
          </Title>
        }
        value={draft.timesOfDay}
        onChange={(values) => setDraft((d) => ({ ...d, timesOfDay: values as Part[] }))}
        error={errorOf('times')}
        choices={PARTS.map((p) => ({ value: p, label: t(`waitlist.parts.${p}`) }))}
      />
      <PersonFields
        draft={draft}
        onChange={(field, value) => setDraft((d) => ({ ...d, [field]: value }))}
        errors={errors}
        mobileHint={t('waitlist.join.mobileHint')}
      />
      {pending && (
        <Stack gap="xs">
          <Text>
            {t('book.verify.sent')} <Ltr>{BAHRAIN.maskMobile(pending.mobile)}</Ltr>
          </Text>
          <CodeField value={code} onChange={setCode} error={errorOf('code')} />
        </Stack>
      )}
    </WizardStep>
  );
}
