import { Text } from '@mantine/core';
import { BAHRAIN, normaliseDigits } from '@mawaeed/core/country/profile';
import { Navigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestVerification } from '../../api/bookings';
import type { FieldError } from '../../components/error-summary';
import { Ltr } from '../../components/ltr';
import { CodeField } from '../../features/booking/code-field';
import { useErrorText } from '../../features/booking/error-text';
import { ResendButton } from '../../features/booking/resend-button';
import { useStep } from '../../features/booking/use-step';
import { WizardStep } from '../../features/booking/wizard-step';
import { updateAnswers } from '../../features/booking/wizard-store';

/**
 * "Check your phone" (only when the deployment asks for a code): the code field takes paste and
 * the phone's autofill (one-time-code), Arabic-Indic digits included. The code is checked when
 * the booking is made; a refused one comes back here as the field's error.
 */
export function BookVerifyPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const step = useStep('/book/verify');
  const { answers } = step;
  const [pending, setPending] = useState<{ id: string; mobile: string } | null>(
    answers.verification ? { id: answers.verification.id, mobile: answers.verification.mobile } : null,
  );
  const [code, setCode] = useState(answers.verification?.code ?? '');
  const [errors, setErrors] = useState<FieldError[]>(
    answers.notice === 'CODE_WRONG' ? [{ field: 'code', message: t('book.verify.wrong') }] : [],
  );
  const [resent, setResent] = useState(false);
  const [sending, setSending] = useState(false);
  const sentFor = useRef<string | null>(null);

  const send = async (again: boolean) => {
    if (!answers.mobile) return;
    setSending(true);
    try {
      const { id } = await requestVerification(answers.mobile, 'book');
      setPending({ id, mobile: answers.mobile });
      // A new code replaces the old one: its digits and its error go with it.
      updateAnswers({ verification: undefined, notice: undefined });
      setErrors([]);
      setResent(again);
    } catch (err) {
      setErrors([{ field: 'code', message: errorText(err) }]);
    } finally {
      setSending(false);
    }
  };

  useEffect(() => {
    if (!step.otp || !answers.mobile || pending?.mobile === answers.mobile) return;
    if (sentFor.current === answers.mobile) return;
    sentFor.current = answers.mobile;
    void send(false);
  });

  if (step.redirect) return <Navigate to={step.redirect} />;
  if (step.settings.data && !step.otp) return <Navigate to="/book/check" />;

  return (
    <WizardStep
      title={t('book.verify.title')}
      back={step.back('/book/details')}
      errors={errors}
      busy={sending}
      onContinue={() => {
        const digits = normaliseDigits(code).replace(/\s/g, '');
        if (!/^\d{6}$/.test(digits)) return setErrors([{ field: 'code', message: t('book.verify.invalid') }]);
        if (!pending) return setErrors([{ field: 'code', message: t('book.verify.notSent') }]);
        const verification = { id: pending.id, code: digits, mobile: pending.mobile };
        updateAnswers({ verification, notice: undefined });
        step.next({ ...answers, verification }, '/book/check');
      }}
    >
      <Text>
        {t('book.verify.sent')} <Ltr>{answers.mobile ? BAHRAIN.maskMobile(answers.mobile) : ''}</Ltr>
      </Text>
      <CodeField value={code} onChange={setCode} error={errors.find((e) => e.field === 'code')?.message} />
      <div>
        <ResendButton label={t('book.verify.resend')} onClick={() => void send(true)} disabled={sending} />
        <Text role="status" size="sm" data-testid="resent">
          {resent ? t('book.verify.resent') : ''}
        </Text>
      </div>
    </WizardStep>
  );
}
