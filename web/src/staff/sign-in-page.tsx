import './staff.css';
import { Alert, Button, Container, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../components/error-summary';
import { LanguageSwitch } from '../components/language-switch';
import { usePageTitle } from '../components/page-title';
import { StaffApiError } from './api/http';
import { useSignIn } from './api/session';
import { fieldErrorList } from './form';
import type { SignInSearch } from './routes';

type Values = { email: string; password: string };

/**
 * Email and password. A wrong pair says only that (never which half was wrong, nor whether the
 * account exists); repeated failures say how many minutes to wait, from Retry-After.
 */
export function SignInPage() {
  const { t } = useTranslation('staff');
  // The route's validateSearch keeps only a staff address and the flag (see ./routes.ts).
  const search = useSearch({ strict: false }) as SignInSearch;
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: { email: '', password: '' } });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'email', message: problem }, ...errors] : errors;
  usePageTitle(t('shell.signIn.title'), summary.length > 0);

  const submit = form.handleSubmit((values) => {
    setProblem(null);
    signIn.mutate(values, {
      onSuccess: () => void navigate({ to: search.redirect ?? '/staff', replace: true }),
      onError: (err) => {
        form.resetField('password');
        if (err instanceof StaffApiError && err.code === 'SIGN_IN_THROTTLED') {
          const count = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
          setProblem(t('shell.signIn.throttled', { count }));
        } else if (err instanceof StaffApiError && err.code === 'INVALID_CREDENTIALS') {
          setProblem(t('shell.signIn.invalid'));
        } else if (err instanceof StaffApiError && err.status === 0) {
          setProblem(t('shell.form.network'));
        } else {
          setProblem(err instanceof StaffApiError ? err.detail : t('shell.form.failed'));
        }
      },
    });
  });

  return (
    <Container size="xs" py="xl" component="main" id="staff-main">
      <Stack gap="lg">
        <div style={{ alignSelf: 'flex-end' }}>
          <LanguageSwitch />
        </div>
        <Title order={1}>{t('shell.signIn.title')}</Title>
        {search.expired && !problem && (
          <Alert color="blue" variant="light" data-testid="session-ended">
            {t('shell.signIn.expired')}
          </Alert>
        )}
        <ErrorSummary errors={summary} />
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              id="email"
              type="email"
              autoComplete="username"
              label={t('shell.signIn.email')}
              error={form.formState.errors.email?.message}
              {...form.register('email', { required: t('shell.signIn.emailRequired') })}
            />
            <PasswordInput
              id="password"
              autoComplete="current-password"
              label={t('shell.signIn.password')}
              error={form.formState.errors.password?.message}
              {...form.register('password', { required: t('shell.signIn.passwordRequired') })}
            />
            <Button type="submit" loading={signIn.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('shell.signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Container>
  );
}
