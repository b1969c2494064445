import { Alert, Button, Checkbox, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import type { AdminCentre } from '@mawaeed/core/contracts/admin';
import { useState } from 'react';
import { type UseFormReturn, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { useCreatePeriods } from '../api/calendar';
import { DAYS, DayHours, type HoursValues, weeklyHoursBody } from '../centres/hours-editor';
import type { AffectedGuard } from '../components/affected-bookings';
import { applyProblem, fieldErrorList } from '../form';
import { CentrePickerField } from './centre-picker';
import { DateHint, DatePreview, parseLocalDate } from './dates';

type Values = HoursValues & {
  name: { en: string; ar: string };
  startsOn: string;
  endsOn: string;
  provisional: boolean;
  alsoCentreIds: string[];
};

/** Special hours for a date range (Ramadan), for this centre and any others ticked. */
export function PeriodForm({ centre, guard }: { centre: AdminCentre; guard: AffectedGuard }) {
  const { t } = useTranslation('staff');
  const create = useCreatePeriods();
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const empty: Values = {
    name: { en: '', ar: '' },
    startsOn: '',
    endsOn: '',
    weeklyHours: centre.weeklyHours,
    provisional: true,
    alsoCentreIds: [],
  };
  const form = useForm<Values>({ defaultValues: empty });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'period.name.en', message: problem }, ...errors] : errors;
  const required = { validate: (v: string) => v.trim() !== '' || t('shell.form.required') };
  const date = {
    validate: (v: string) => parseLocalDate(v) !== null || t('calendar.dateRule'),
  };

  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    setSaved(false);
    const startsOn = parseLocalDate(v.startsOn) ?? v.startsOn;
    const endsOn = parseLocalDate(v.endsOn) ?? v.endsOn;
    if (endsOn < startsOn) {
      form.setError('endsOn', { message: t('calendar.endAfterStart') }, { shouldFocus: true });
      return;
    }
    try {
      const done = await guard.send((onAffected) =>
        create.mutateAsync({
          centreIds: [centre.id, ...v.alsoCentreIds],
          name: { en: v.name.en.trim(), ar: v.name.ar.trim() },
          startsOn,
          endsOn,
          weeklyHours: weeklyHoursBody(v.weeklyHours),
          provisional: v.provisional,
          ...(onAffected ? { onAffected } : {}),
        }),
      );
      if (done) {
        form.reset(empty);
        setSaved(true);
      }
    } catch (err) {
      setProblem(applyProblem(err, form, t));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={720}>
        <Title order={3}>{t('calendar.periods.addTitle')}</Title>
        <ErrorSummary errors={summary} />
        {saved && (
          <Alert color="green" role="status">
            {t('calendar.periods.saved')}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            id="name.en"
            dir="ltr"
            label={t('calendar.nameEn')}
            error={form.formState.errors.name?.en?.message}
            {...form.register('name.en', required)}
          />
          <TextInput
            id="name.ar"
            dir="rtl"
            label={t('calendar.nameAr')}
            error={form.formState.errors.name?.ar?.message}
            {...form.register('name.ar', required)}
          />
          <div>
            <TextInput
              id="startsOn"
              label={t('calendar.periods.startsOn')}
              description={<DateHint />}
              dir="ltr"
              inputMode="numeric"
              error={form.formState.errors.startsOn?.message}
              {...form.register('startsOn', date)}
            />
            <DatePreview value={form.watch('startsOn')} />
          </div>
          <div>
            <TextInput
              id="endsOn"
              label={t('calendar.periods.endsOn')}
              description={<DateHint />}
              dir="ltr"
              inputMode="numeric"
              error={form.formState.errors.endsOn?.message}
              {...form.register('endsOn', date)}
            />
            <DatePreview value={form.watch('endsOn')} />
          </div>
        </SimpleGrid>
        <Title order={4}>{t('calendar.periods.hours')}</Title>
        {DAYS.map((day) => (
          <DayHours key={day} day={day} form={form as unknown as UseFormReturn<HoursValues>} />
        ))}
        <Checkbox
          id="provisional"
          label={t('calendar.provisional')}
          description={t('calendar.provisionalHint')}
          {...form.register('provisional')}
        />
        <CentrePickerField control={form.control} centreId={centre.id} />
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('calendar.periods.add')}
        </Button>
      </Stack>
    </form>
  );
}
