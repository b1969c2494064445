import { TextInput } from '@mantine/core';
import { parseReference } from '@mawaeed/core/booking/reference';
import { BAHRAIN, normaliseDigits } from '@mawaeed/core/country/profile';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accessBooking, requestVerification } from '../../api/bookings';
import type { FieldError } from '../../components/error-summary';
import { useErrorText } from '../../features/booking/error-text';
import { WizardStep } from '../../features/booking/wizard-step';
import { useSettings } from '../../features/catalogue/use-catalogue';
import { rememberToken } from '../../features/manage/manage-token';

/**
 * The way back to a booking without the manage link: its reference and the CPR it was booked
 * with (and, where codes are on, a code sent to the mobile). The CPR travels in the body only.
 */
export function ManageFindPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const otp = useSettings().data?.otp ?? false;
  const [form, setForm] = useState({ reference: '', cpr: '', mobile: '', code: '' });
  const [pending, setPending] = useState<{ id: string } | null>(null);
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

  const submit = async () => {
    const found: FieldError[] = [];
    const reference = parseReference(normaliseDigits(form.reference));
    if (!reference) found.push({ field: 'reference', message: t('manage.find.referenceInvalid') });
    const cpr = BAHRAIN.parseNationalId(form.cpr);
    if (!cpr) found.push({ field: 'cpr', message: t('book.details.cprInvalid') });
    const mobile = otp ? BAHRAIN.parseMobile(form.mobile) : null;
    if (otp && !mobile) found.push({ field: 'mobile', message: t('book.details.mobileInvalid') });
    const code = normaliseDigits(form.code).replace(/\s/g, '');
    if (otp && pending && !/^\d{6}$/.test(code))
      found.push({ field: 'code', message: t('book.verify.invalid') });
    setErrors(found);
    if (found.length > 0 || !reference || !cpr) return;
    setBusy(true);
    try {
      if (otp && !pending && mobile) {
        setPending(await requestVerification(mobile, 'manage'));
        return;
      }
      const { manageToken } = await accessBooking(reference, {
        cpr,
        ...(otp && pending ? { verification: { id: pending.id, code } } : {}),
      });
      rememberToken(reference, manageToken);
      await navigate({ to: '/manage/$reference', params: { reference } });
    } catch (err) {
      setErrors([{ field: 'reference', message: errorText(err) }]);
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
      {otp && (
        <TextInput
          id="mobile"
          type="tel"
          label={t('book.details.mobile')}
          description={t('book.details.mobileHint')}
          autoComplete="tel"
          dir="ltr"
          maw="20rem"
          {...bind('mobile')}
        />
      )}
      {otp && pending && (
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
      )}
    </WizardStep>
  );
}
