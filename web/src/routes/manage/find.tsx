import { Text, TextInput } from '@mantine/core';
import { parseReference } from '@mawaeed/core/booking/reference';
import { BAHRAIN, normaliseDigits } from '@mawaeed/core/country/profile';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accessBooking, requestManageVerification } from '../../api/bookings';
import { ApiError } from '../../api/http';
import type { FieldError } from '../../components/error-summary';
import { RouterAnchor } from '../../components/router-link';
import { useErrorText } from '../../features/booking/error-text';
import { ResendButton } from '../../features/booking/resend-button';
import { WizardStep } from '../../features/booking/wizard-step';
import { useSettings } from '../../features/catalogue/use-catalogue';
import { rememberToken } from '../../features/manage/manage-token';

/** Refusals about the code belong to the code field, not to the reference. */
const CODE_ERRORS = new Set(['VERIFICATION_FAILED', 'VERIFICATION_REQUIRED']);

/**
 * The way back to a booking without the manage link: its reference and the CPR it was booked
 * with (and, where codes are on, a code sent to the booking's own mobile, which the person need
 * not remember). The CPR travels in the body only.
 */
export function ManageFindPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const otp = useSettings().data?.otp ?? false;
  const [form, setForm] = useState({ reference: '', cpr: '', code: '' });
  const [pending, setPending] = useState<{ id: string; reference: string } | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const bind = (field: keyof typeof form) => ({
    value: form[field],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [field]: value }));
    },
    error: errorOf(field),
    size: 'md' as const,
  });

  const sendCode = async (reference: string) => {
    setPending({ ...(await requestManageVerification(reference)), reference });
    setForm((f) => ({ ...f, code: '' }));
  };

  const submit = async () => {
    const found: FieldError[] = [];
    const reference = parseReference(normaliseDigits(form.reference));
    if (!reference) found.push({ field: 'reference', message: t('manage.find.referenceInvalid') });
    const cpr = BAHRAIN.parseNationalId(form.cpr);
    if (!cpr) found.push({ field: 'cpr', message: t('book.details.cprInvalid') });
    // A code was sent for another reference: the person changed it, so a new code is due.
    const current = pending && pending.reference === reference ? pending : null;
    const code = normaliseDigits(form.code).replace(/\s/g, '');
    if (otp && current && !/^\d{6}$/.test(code))
      found.push({ field: 'code', message: t('book.verify.invalid') });
    setErrors(found);
    if (found.length > 0 || !reference || !cpr) return;
    setBusy(true);
    try {
      if (otp && !current) {
        await sendCode(reference);
        return;
      }
      const { manageToken } = await accessBooking(reference, {
        cpr,
        ...(otp && current ? { verification: { id: current.id, code } } : {}),
      });
      rememberToken(reference, manageToken);
      await navigate({ to: '/manage/$reference', params: { reference } });
    } catch (err) {
      const onCode = otp && err instanceof ApiError && CODE_ERRORS.has(err.code);
      setErrors([
        onCode
          ? { field: 'code', message: t('book.verify.wrong') }
          : { field: 'reference', message: errorText(err) },
      ]);
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    const reference = parseReference(normaliseDigits(form.reference));
    if (!reference) return;
    setBusy(true);
    try {
      await sendCode(reference);
      setErrors([]);
    } catch (err) {
      setErrors([{ field: 'code', message: errorText(err) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <WizardStep
      title={t('manage.find.title')}
      back="/"
      errors={errors}
      busy={busy}
      onContinue={() => void submit()}
      continueLabel={otp && !pending ? t('manage.find.sendCode') : t('form.continue')}
    >
      <Text data-testid="waitlist-hint">
        {t('manage.find.waitlist')}{' '}
        <RouterAnchor to="/waitlist/entry">{t('manage.find.waitlistLink')}</RouterAnchor>
      </Text>
      <TextInput
        id="reference"
        label={t('confirmation.reference')}
        description={t('manage.find.referenceHint')}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        dir="ltr"
        maw="16rem"
        {...bind('reference')}
      />
      <TextInput
        id="cpr"
        label={t('book.details.cpr')}
        description={t('book.details.cprHint')}
        inputMode="numeric"
        autoComplete="off"
        dir="ltr"
        maw="16rem"
        {...bind('cpr')}
      />
      {otp && pending && (
        <>
          <Text role="status" data-testid="code-sent">
            {t('manage.find.codeSent')}
          </Text>
          <TextInput
            id="code"
            label={t('book.verify.code')}
            description={t('book.verify.codeHint')}
            autoComplete="one-time-code"
            inputMode="numeric"
            dir="ltr"
            maw="12rem"
            {...bind('code')}
          />
          <div>
            <ResendButton label={t('manage.find.resend')} onClick={() => void resend()} disabled={busy} />
          </div>
        </>
      )}
    </WizardStep>
  );
}
