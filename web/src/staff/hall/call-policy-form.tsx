import { Alert, Button, Checkbox, Stack, TextInput, Title } from '@mantine/core';
import type { AdminCentre } from '@mawaeed/core/contracts/admin';
import { normaliseDigits } from '@mawaeed/core/country/profile';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { useUpdateCentre } from '../api/centres';
import { applyProblem, fieldErrorList } from '../form';

type Values = { callPolicy: { priorityFirst: boolean; walkInMaxWaitMinutes: string } };

/** How the centre's hall calls people: priority first or not, and when a walk-in may go ahead. */
export function CallPolicyForm({ centre }: { centre: AdminCentre }) {
  const { t } = useTranslation('staff');
  const update = useUpdateCentre(centre.id);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    defaultValues: {
      callPolicy: {
        priorityFirst: centre.callPolicy.priorityFirst,
        walkInMaxWaitMinutes: String(centre.callPolicy.walkInMaxWaitMinutes),
      },
    },
  });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem
    ? [{ field: 'callPolicy.walkInMaxWaitMinutes', message: problem }, ...errors]
    : errors;
  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    setSaved(false);
    try {
      const done = await update.mutateAsync({
        callPolicy: {
          priorityFirst: v.callPolicy.priorityFirst,
          walkInMaxWaitMinutes: Number(normaliseDigits(v.callPolicy.walkInMaxWaitMinutes)),
        },
      });
      form.reset({
        callPolicy: {
          priorityFirst: done.callPolicy.priorityFirst,
          walkInMaxWaitMinutes: String(done.callPolicy.walkInMaxWaitMinutes),
        },
      });
      setSaved(true);
    } catch (err) {
      setProblem(applyProblem(err, form, t));
    }
  });
  const minutesError = form.formState.errors.callPolicy?.walkInMaxWaitMinutes?.message;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={720} mt="lg">
        <Title order={2} size="h3">
          {t('hall.policy.title')}
        </Title>
        <ErrorSummary errors={summary} />
        {saved && (
          <Alert variant="outline" color="teal.9" role="status">
            {t('shell.form.saved')}
          </Alert>
        )}
        <Checkbox
          id="callPolicy.priorityFirst"
          label={t('hall.policy.priorityFirst')}
          description={t('hall.policy.priorityFirstHint')}
          {...form.register('callPolicy.priorityFirst')}
        />
        <TextInput
          id="callPolicy.walkInMaxWaitMinutes"
          label={t('hall.policy.walkInMaxWait')}
          description={t('hall.policy.walkInMaxWaitHint')}
          inputMode="numeric"
          dir="ltr"
          w={160}
          error={minutesError}
          {...form.register('callPolicy.walkInMaxWaitMinutes', {
            validate: (value) => {
              const n = Number(normaliseDigits(value));
              return (Number.isInteger(n) && n >= 5 && n <= 240) || t('hall.policy.walkInMaxWaitRange');
            },
          })}
        />
        <Button type="submit" loading={update.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('shell.form.save')}
        </Button>
      </Stack>
    </form>
  );
}
