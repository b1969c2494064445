import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import type { AdminCentre } from '@mawaeed/core/contracts/admin';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { useCreateClosures } from '../api/calendar';
import { useStaff } from '../api/use-staff';
import { parseTimeOfDay } from '../centres/time-input';
import type { AffectedGuard } from '../components/affected-bookings';
import { applyProblem, fieldErrorList } from '../form';
import { CentrePickerField } from './centre-picker';
import { DateHint, DatePreview, parseLocalDate } from './dates';

type Values = {
  date: string;
  kind: 'holiday' | 'closure';
  name: { en: string; ar: string };
  national: boolean;
  halfDay: boolean;
  open: string;
  close: string;
  provisional: boolean;
  alsoCentreIds: string[];
};
const EMPTY: Values = {
  date: '',
  kind: 'closure',
  name: { en: '', ar: '' },
  national: false,
  halfDay: false,
  open: '',
  close: '',
  provisional: false,
  alsoCentreIds: [],
};

/** A day closed (or open only part of it) at this centre, a group of centres, or, for administrators, nationally. */
export function ClosureForm({ centre, guard }: { centre: AdminCentre; guard: AffectedGuard }) {
  const { t } = useTranslation('staff');
  const isAdministrator = useStaff().role === 'administrator';
  const create = useCreateClosures();
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({ defaultValues: EMPTY });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'date', message: problem }, ...errors] : errors;
  const required = { validate: (v: string) => v.trim() !== '' || t('shell.form.required') };
  const halfDay = form.watch('halfDay');
  const national = form.watch('national');
  const time = {
    validate: (v: string) => !form.getValues('halfDay') || parseTimeOfDay(v) !== null || t('shell.form.time'),
  };

  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    setSaved(false);
    const open = parseTimeOfDay(v.open) ?? v.open;
    const close = parseTimeOfDay(v.close) ?? v.close;
    if (v.halfDay && close <= open) {
      form.setError('close', { message: t('centres.hours.order') }, { shouldFocus: true });
      return;
    }
    try {
      const done = await guard.send((onAffected) =>
        create.mutateAsync({
          centreIds: isAdministrator && v.national ? null : [centre.id, ...v.alsoCentreIds],
          date: parseLocalDate(v.date) ?? v.date,
          kind: v.kind,
          name: { en: v.name.en.trim(), ar: v.name.ar.trim() },
          openHours: v.halfDay ? [{ open, close }] : null,
          provisional: v.provisional,
          ...(onAffected ? { onAffected } : {}),
        }),
      );
      if (done) {
        form.reset(EMPTY);
        setSaved(true);
      }
    } catch (err) {
      setProblem(
        applyProblem(err, form, t, {
          fields: { 'openHours.0.open': 'open', 'openHours.0.close': 'close' },
          codes: { ALREADY_EXISTS: { field: 'date', message: t('calendar.closures.taken') } },
        }),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={720}>
        <Title order={3}>{t('calendar.closures.addTitle')}</Title>
        <ErrorSummary errors={summary} />
        {saved && (
          <Alert color="green" role="status">
            {t('calendar.closures.saved')}
          </Alert>
        )}
        <div>
          <TextInput
            id="date"
            label={t('calendar.closures.date')}
            description={<DateHint />}
            dir="ltr"
            inputMode="numeric"
            maw={360}
            error={form.formState.errors.date?.message}
            {...form.register('date', {
              validate: (v) => parseLocalDate(v) !== null || t('calendar.dateRule'),
            })}
          />
          <DatePreview value={form.watch('date')} />
        </div>
        <NativeSelect
          id="kind"
          label={t('calendar.closures.kind')}
          data={[
            { value: 'closure', label: t('calendar.closures.kinds.closure') },
            { value: 'holiday', label: t('calendar.closures.kinds.holiday') },
          ]}
          {...form.register('kind')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            id="name.en"
            dir="ltr"
            label={t('calendar.closures.reasonEn')}
            error={form.formState.errors.name?.en?.message}
            {...form.register('name.en', required)}
          />
          <TextInput
            id="name.ar"
            dir="rtl"
            label={t('calendar.closures.reasonAr')}
            error={form.formState.errors.name?.ar?.message}
            {...form.register('name.ar', required)}
          />
        </SimpleGrid>
        <Checkbox id="halfDay" label={t('calendar.closures.halfDay')} {...form.register('halfDay')} />
        {halfDay && (
          <Group align="flex-end" gap="sm">
            <TextInput
              id="open"
              label={t('calendar.closures.openFrom')}
              dir="ltr"
              inputMode="numeric"
              placeholder="08:00"
              w={110}
              error={form.formState.errors.open?.message}
              {...form.register('open', time)}
            />
            <TextInput
              id="close"
              label={t('calendar.closures.openTo')}
              dir="ltr"
              inputMode="numeric"
              placeholder="11:00"
              w={110}
              error={form.formState.errors.close?.message}
              {...form.register('close', time)}
            />
          </Group>
        )}
        <Checkbox
          id="provisional"
          label={t('calendar.provisional')}
          description={t('calendar.provisionalHint')}
          {...form.register('provisional')}
        />
        {isAdministrator && (
          <Checkbox
            id="national"
            label={t('calendar.closures.national')}
            description={t('calendar.closures.nationalHint')}
            {...form.register('national')}
          />
        )}
        {!national && <CentrePickerField control={form.control} centreId={centre.id} />}
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('calendar.closures.add')}
        </Button>
      </Stack>
    </form>
  );
}
