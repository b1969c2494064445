import { TextInput } from '@mantine/core';
import { BAHRAIN, normaliseDigits } from '@mawaeed/core/country/profile';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../components/error-summary';

export type PersonDraft = { name: string; cpr: string; mobile: string; email: string };
type PersonField = keyof PersonDraft;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The keys of the messages the person check may give. */
type PersonMessage = `book.details.${
  | 'nameRequired'
  | 'nameTooLong'
  | 'cprRequired'
  | 'cprInvalid'
  | 'mobileRequired'
  | 'mobileInvalid'
  | 'emailInvalid'}`;

/**
 * Name, CPR, mobile and optional e-mail checked as the server will (Arabic-Indic digits and the
 * usual ways of writing a mobile accepted), each problem on its field, and the normalised values.
 */
export function checkPerson(draft: PersonDraft, t: (key: PersonMessage) => string) {
  const errors: FieldError[] = [];
  const name = draft.name.trim().replace(/\s+/g, ' ');
  if (!name) errors.push({ field: 'name', message: t('book.details.nameRequired') });
  else if (name.length > 100) errors.push({ field: 'name', message: t('book.details.nameTooLong') });
  const cpr = BAHRAIN.parseNationalId(draft.cpr);
  if (!normaliseDigits(draft.cpr).replace(/[\s-]/g, ''))
    errors.push({ field: 'cpr', message: t('book.details.cprRequired') });
  else if (!cpr) errors.push({ field: 'cpr', message: t('book.details.cprInvalid') });
  const mobile = BAHRAIN.parseMobile(draft.mobile);
  if (!draft.mobile.trim()) errors.push({ field: 'mobile', message: t('book.details.mobileRequired') });
  else if (!mobile) errors.push({ field: 'mobile', message: t('book.details.mobileInvalid') });
  const email = draft.email.trim();
  if (email && (!EMAIL.test(email) || email.length > 254))
    errors.push({ field: 'email', message: t('book.details.emailInvalid') });
  const person =
    cpr && mobile && errors.length === 0 ? { name, cpr, mobile, email: email || undefined } : null;
  return { errors, person };
}

/** The four typed answers about the person, identifiers left-to-right in either language. */
export function PersonFields({
  draft,
  onChange,
  errors,
  mobileHint,
}: {
  draft: PersonDraft;
  onChange: (field: PersonField, value: string) => void;
  errors: FieldError[];
  mobileHint?: string;
}) {
  const { t } = useTranslation();
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const bind = (field: PersonField) => ({
    value: draft[field],
    onChange: (e: { currentTarget: { value: string } }) => onChange(field, e.currentTarget.value),
    error: errorOf(field),
    size: 'md' as const,
  });
  return (
    <>
      <TextInput
        id="name"
        label={t('book.details.name')}
        description={t('book.details.nameHint')}
        autoComplete="name"
        {...bind('name')}
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
      <TextInput
        id="mobile"
        type="tel"
        label={t('book.details.mobile')}
        description={mobileHint ?? t('book.details.mobileHint')}
        autoComplete="tel"
        dir="ltr"
        maw="20rem"
        {...bind('mobile')}
      />
      <TextInput
        id="email"
        type="email"
        label={t('book.details.email')}
        description={t('book.details.emailHint')}
        autoComplete="email"
        dir="ltr"
        {...bind('email')}
      />
    </>
  );
}
