import { Alert, Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import type { AdminCentre, OnAffected } from '@mawaeed/core/contracts/admin';
import { useState } from 'react';
import { type UseFormReturn, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { useApplyWeeklyHours } from '../api/calendar';
import { useUpdateCentre } from '../api/centres';
import { CentrePickerField } from '../calendar/centre-picker';
import { useAffectedBookings } from '../components/affected-bookings';
import { applyProblem, fieldErrorList } from '../form';
import { parseTimeOfDay } from './time-input';

export const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type Day = (typeof DAYS)[number];
/** Any form with weekly hours under `weeklyHours` (the centre's, or a special period's). */
export type HoursValues = { weeklyHours: Record<Day, { open: string; close: string }[]> };
type Values = HoursValues & { alsoCentreIds: string[] };

/** The form's hours as the API takes them (HH:mm, Arabic-Indic digits read). */
export function weeklyHoursBody(hours: HoursValues['weeklyHours']): HoursValues['weeklyHours'] {
  return Object.fromEntries(
    DAYS.map((d) => [
      d,
      hours[d].map((r) => ({
        open: parseTimeOfDay(r.open) ?? r.open,
        close: parseTimeOfDay(r.close) ?? r.close,
      })),
    ]),
  ) as HoursValues['weeklyHours'];
}

/** Weekly hours, per weekday: closed, or one or more ranges (HH:mm; Arabic-Indic digits welcome). */
export function HoursEditor({ centre }: { centre: AdminCentre }) {
  const { t } = useTranslation('staff');
  const update = useUpdateCentre(centre.id);
  const guard = useAffectedBookings(centre.timeZone);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const applyToGroup = useApplyWeeklyHours();
  const form = useForm<Values>({ defaultValues: { weeklyHours: centre.weeklyHours, alsoCentreIds: [] } });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'weeklyHours.sun', message: problem }, ...errors] : errors;

  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    setSaved(false);
    const weeklyHours = weeklyHoursBody(v.weeklyHours);
    const decision = (onAffected?: OnAffected) => (onAffected ? { onAffected } : {});
    try {
      // With other centres ticked, one request changes them all or none.
      const done =
        v.alsoCentreIds.length > 0
          ? (
              await guard.send((onAffected) =>
                applyToGroup.mutateAsync({
                  centreIds: [centre.id, ...v.alsoCentreIds],
                  weeklyHours,
                  ...decision(onAffected),
                }),
              )
            )?.items.find((c) => c.id === centre.id)
          : await guard.send((onAffected) => update.mutateAsync({ weeklyHours, ...decision(onAffected) }));
      if (done) {
        form.reset({ weeklyHours: done.weeklyHours, alsoCentreIds: [] });
        setSaved(true);
      }
    } catch (err) {
      setProblem(applyProblem(err, form, t));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorSummary errors={summary} />
        {saved && (
          <Alert color="green" role="status">
            {t('centres.hours.saved')}
          </Alert>
        )}
        {DAYS.map((day) => (
          <DayHours key={day} day={day} form={form as unknown as UseFormReturn<HoursValues>} />
        ))}
        <CentrePickerField control={form.control} centreId={centre.id} />
        <Button
          type="submit"
          loading={update.isPending || applyToGroup.isPending}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('centres.hours.save')}
        </Button>
      </Stack>
      {guard.dialog}
    </form>
  );
}

export function DayHours({ day, form }: { day: Day; form: UseFormReturn<HoursValues> }) {
  const { t } = useTranslation('staff');
  const ranges = useFieldArray({ control: form.control, name: `weeklyHours.${day}` });
  const errors = form.formState.errors.weeklyHours?.[day];
  const time = (
    name: `weeklyHours.${Day}.${number}.${'open' | 'close'}`,
    label: string,
    message?: string,
  ) => (
    <TextInput
      id={name}
      label={label}
      dir="ltr"
      inputMode="numeric"
      placeholder="08:00"
      w={110}
      error={message}
      {...form.register(name, {
        validate: (v) => parseTimeOfDay(v) !== null || t('shell.form.time'),
      })}
    />
  );
  return (
    <Fieldset legend={t(`centres.hours.days.${day}`)} data-testid={`hours-${day}`}>
      <Stack gap="xs">
        {ranges.fields.length === 0 && <Text c="dimmed">{t('centres.hours.closed')}</Text>}
        {ranges.fields.map((r, i) => (
          <Group key={r.id} align="flex-end" gap="sm">
            {time(`weeklyHours.${day}.${i}.open`, t('centres.hours.open'), errors?.[i]?.open?.message)}
            {time(`weeklyHours.${day}.${i}.close`, t('centres.hours.close'), errors?.[i]?.close?.message)}
            <Button variant="subtle" color="red" onClick={() => ranges.remove(i)}>
              {t('centres.hours.remove')}
            </Button>
          </Group>
        ))}
        <Button
          variant="light"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => ranges.append({ open: '', close: '' })}
        >
          {t('centres.hours.add')}
        </Button>
      </Stack>
    </Fieldset>
  );
}
