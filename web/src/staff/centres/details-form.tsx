import { Alert, Anchor, Button, Checkbox, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { AdminCentre, CentreUpdate } from '@mawaeed/core/contracts/admin';
import { useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { Ltr } from '../../components/ltr';
import { mapLink } from '../../lib/maps';
import { useUpdateCentre } from '../api/centres';
import { useStaff } from '../api/use-staff';
import { applyProblem, errorAt, fieldErrorList } from '../form';
import { normaliseDigits } from './time-input';

type Values = {
  name: { en: string; ar: string };
  address: { en: string; ar: string };
  phone: string;
  location: { lat: string; lng: string };
  timeZone: string;
  active: boolean;
};

const valuesOf = (c: AdminCentre): Values => ({
  name: c.name,
  address: c.address,
  phone: c.phone,
  location: { lat: String(c.location.lat), lng: String(c.location.lng) },
  timeZone: c.timeZone,
  active: c.active,
});

/**
 * A centre's names, address, phone, map position and (administrators only, as the server rules)
 * its time zone and whether it is open to bookings. Details never strand a booking.
 */
export function DetailsForm({ centre }: { centre: AdminCentre }) {
  const { t } = useTranslation('staff');
  const isAdministrator = useStaff().role === 'administrator';
  const update = useUpdateCentre(centre.id);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({ defaultValues: valuesOf(centre) });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'name.en', message: problem }, ...errors] : errors;
  const required = { required: t('shell.form.required') };
  const coordinate = (limit: number) => ({
    ...required,
    validate: (value: unknown) => {
      const v = String(value).trim();
      const n = Number(normaliseDigits(v));
      return (v !== '' && Number.isFinite(n) && Math.abs(n) <= limit) || t('shell.form.invalid');
    },
  });

  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    setSaved(false);
    const body: CentreUpdate = {
      name: { en: v.name.en.trim(), ar: v.name.ar.trim() },
      address: { en: v.address.en.trim(), ar: v.address.ar.trim() },
      phone: normaliseDigits(v.phone).trim(),
      location: {
        lat: Number(normaliseDigits(v.location.lat)),
        lng: Number(normaliseDigits(v.location.lng)),
      },
      ...(isAdministrator ? { timeZone: v.timeZone.trim(), active: v.active } : {}),
    };
    try {
      const done = await update.mutateAsync(body);
      form.reset(valuesOf(done));
      setSaved(true);
    } catch (err) {
      setProblem(applyProblem(err, form, t));
    }
  });

  const errorOf = (name: FieldPath<Values>) => errorAt(form.formState.errors, name);
  const field = (
    name: FieldPath<Values>,
    label: string,
    rules: Parameters<typeof form.register>[1] = required,
    ltr = false,
  ) => (
    <TextInput
      id={name}
      label={label}
      error={errorOf(name)}
      {...(ltr ? { dir: 'ltr', inputMode: 'decimal' as const } : {})}
      {...(name.endsWith('.en') ? { dir: 'ltr' } : name.endsWith('.ar') ? { dir: 'rtl' } : {})}
      {...form.register(name, rules)}
    />
  );

  const lat = Number(normaliseDigits(form.watch('location.lat')));
  const lng = Number(normaliseDigits(form.watch('location.lng')));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={720}>
        <ErrorSummary errors={summary} />
        {saved && (
          <Alert color="green" role="status">
            {t('centres.details.saved')}
          </Alert>
        )}
        <TextInput
          id="code"
          label={t('centres.fields.code')}
          value={centre.code}
          dir="ltr"
          readOnly
          variant="filled"
          description={t('centres.details.codeFixed')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {field('name.en', t('centres.fields.nameEn'))}
          {field('name.ar', t('centres.fields.nameAr'))}
          {field('address.en', t('centres.fields.addressEn'))}
          {field('address.ar', t('centres.fields.addressAr'))}
          {field('location.lat', t('centres.fields.lat'), coordinate(90), true)}
          {field('location.lng', t('centres.fields.lng'), coordinate(180), true)}
        </SimpleGrid>
        {Number.isFinite(lat) && Number.isFinite(lng) && (
          <Anchor href={mapLink({ lat, lng })} target="_blank" rel="noopener noreferrer">
            {t('centres.details.map')}
          </Anchor>
        )}
        <TextInput
          id="phone"
          label={t('centres.fields.phone')}
          error={errorOf('phone')}
          dir="ltr"
          inputMode="tel"
          {...form.register('phone', required)}
        />
        {isAdministrator ? (
          <>
            <TextInput
              id="timeZone"
              label={t('centres.fields.timeZone')}
              error={errorOf('timeZone')}
              dir="ltr"
              {...form.register('timeZone', required)}
            />
            <Checkbox id="active" label={t('centres.details.active')} {...form.register('active')} />
          </>
        ) : (
          <Alert color="gray" variant="light">
            {t('centres.details.adminOnly')} <Ltr>{centre.timeZone}</Ltr>
          </Alert>
        )}
        <Button type="submit" loading={update.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('centres.details.save')}
        </Button>
      </Stack>
    </form>
  );
}
