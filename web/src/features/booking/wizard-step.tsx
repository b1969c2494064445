import { Button, Stack, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../components/back-link';
import { ErrorSummary, type FieldError } from '../../components/error-summary';
import { usePageTitle } from '../../components/page-title';

/**
 * One question per page: a back link before <main>, the error summary, the question (the page's
 * only h1, or a fieldset legend holding it) and a Continue button.
 */
export function WizardStep({
  title,
  back,
  backSearch,
  errors = [],
  onContinue,
  continueLabel,
  busy,
  headingInside = false,
  before,
  children,
}: {
  title: string;
  back?: string;
  backSearch?: object;
  errors?: FieldError[];
  onContinue?: () => void;
  continueLabel?: string;
  busy?: boolean;
  /** The children hold the h1 (inside a fieldset's legend). */
  headingInside?: boolean;
  before?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  usePageTitle(title, errors.length > 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onContinue?.();
  };
  return (
    <Stack gap="lg" maw="40rem">
      {back && (
        <BackLink to={back} search={backSearch}>
          {t('form.back')}
        </BackLink>
      )}
      <ErrorSummary errors={errors} />
      {before}
      {!headingInside && <Title order={1}>{title}</Title>}
      <form noValidate onSubmit={submit}>
        <Stack gap="lg">
          {children}
          {onContinue && (
            <div>
              <Button type="submit" size="md" loading={busy} data-testid="continue">
                {continueLabel ?? t('form.continue')}
              </Button>
            </div>
          )}
        </Stack>
      </form>
    </Stack>
  );
}

/** The h1 inside a radio group's legend. */
export function LegendHeading({ children }: { children: ReactNode }) {
  return (
    // Headings are allowed inside a legend: the question is both the group's name and the page's h1.
    <Title order={1}>{children}</Title>
  );
}
