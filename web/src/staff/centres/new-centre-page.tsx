import { Button, NativeSelect, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import type { CentreCreate } from '@mawaeed/core/contracts/admin';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { usePageTitle } from '../../components/page-title';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentres, useCreateCentre } from '../api/centres';
import { applyProblem, fieldErrorList } from '../form';
import { normaliseDigits } from './time-input';

type Values = {
  code: string;
  name: { en: string; ar: string };
  address: { en: string; ar: string };
  phone: string;
  location: { lat: string; lng: string };
  timeZone: string;
  copyFrom: string;
};

/** A new centre, empty or copied from one the ministry already runs. */
export function NewCentrePage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const navigate = useNavigate();
  const centres = useAdminCentres();
  const create = useCreateCentre();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: {
      code: '',
      name: { en: '', ar: '' },
      address: { en: '', ar: '' },
      phone: '',
      location: { lat: '', lng: '' },
      timeZone: 'Asia/Bahrain',
      copyFrom: '',
    },
  });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'code', message: problem }, ...errors] : errors;
  usePageTitle(t('centres.new.title'), summary.length > 0);
  const required = { required: t('shell.form.required') };
  const coordinate = {
    ...required,
    validate: (v: string) => Number.isFinite(Number(normaliseDigits(v))) || t('shell.form.invalid'),
  };

  const submit = form.handleSubmit((v) => {
    setProblem(null);
    const body: CentreCreate = {
      code: v.code.trim(),
      name: v.name,
      address: v.address,
      phone: normaliseDigits(v.phone),
      location: {
        lat: Number(normaliseDigits(v.location.lat)),
        lng: Number(normaliseDigits(v.location.lng)),
      },
      timeZone: v.timeZone.trim(),
      // Without hours the server starts a centre closed every day (its hours are the next step);
      // a copy takes its source's.
      ...(v.copyFrom ? { copyFrom: v.copyFrom } : {}),
    };
    create.mutate(body, {
      onSuccess: (centre) =>
        void navigate({
          to: '/staff/centres/$centreId',
          params: { centreId: centre.id },
          search: { tab: 'hours' } as never,
        }),
      onError: (err) =>
        setProblem(
          applyProblem(err, form, t, {
            codes: { ALREADY_EXISTS: { field: 'code', message: t('centres.fields.codeTaken') } },
          }),
        ),
    });
  });

  const field = (name: Parameters<typeof form.register>[0], label: string, rules = required) => {
    const error = name
      .split('.')
      .reduce<unknown>((e, k) => (e as Record<string, unknown> | undefined)?.[k], form.formState.errors) as
      | { message?: string }
      | undefined;
    return <TextInput id={name} label={label} error={error?.message} {...form.register(name, rules)} />;
  };

  return (
    <>
      <Title order={1}>{t('centres.new.title')}</Title>
      <ErrorSummary errors={summary} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={720}>
          {field('code', t('centres.fields.code'))}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('name.en', t('centres.fields.nameEn'))}
            {field('name.ar', t('centres.fields.nameAr'))}
            {field('address.en', t('centres.fields.addressEn'))}
            {field('address.ar', t('centres.fields.addressAr'))}
            {field('location.lat', t('centres.fields.lat'), coordinate)}
            {field('location.lng', t('centres.fields.lng'), coordinate)}
          </SimpleGrid>
          {field('phone', t('centres.fields.phone'))}
          {field('timeZone', t('centres.fields.timeZone'))}
          <NativeSelect
            id="copyFrom"
            label={t('centres.new.copyFrom')}
            data={[
              { value: '', label: t('centres.new.copyNone') },
              ...(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name[language] })),
            ]}
            {...form.register('copyFrom')}
          />
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('centres.new.submit')}
          </Button>
        </Stack>
      </form>
    </>
  );
}
