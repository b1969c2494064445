import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The one-time code: paste and the phone's autofill (one-time-code) work, Arabic-Indic digits too. */
export function CodeField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      id="code"
      label={t('book.verify.code')}
      description={t('book.verify.codeHint')}
      autoComplete="one-time-code"
      inputMode="numeric"
      dir="ltr"
      maw="12rem"
      size="md"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}
