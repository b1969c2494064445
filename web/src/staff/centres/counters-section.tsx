import {
  Alert,
  Button,
  Checkbox,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { AdminCentre, AdminCounter } from '@mawaeed/core/contracts/admin';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { useLanguage } from '../../i18n/i18n';
import { useCounters, useSaveCounter } from '../api/centre-setup';
import { useAdminServices, useOfferings } from '../api/centres';
import { ScrollTable } from '../components/scroll-table';
import { applyProblem, fieldErrorList } from '../form';
import { normaliseDigits } from './time-input';

type Values = { number: string; name: { en: string; ar: string }; serviceIds: string[]; active: boolean };
const EMPTY: Values = { number: '', name: { en: '', ar: '' }, serviceIds: [], active: true };

/** A centre's desks: add one, rename it, choose the services it serves, take it out of use. */
export function CountersSection({ centre }: { centre: AdminCentre }) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const services = useAdminServices();
  const counters = useCounters(centre.id);
  const offerings = useOfferings(centre.id);
  // A counter serves what its centre offers (and keeps what it already serves, shown to untick).
  const offered = new Set(offerings.data?.items.filter((o) => o.active).map((o) => o.serviceId));
  const save = useSaveCounter(centre.id);
  const [editing, setEditing] = useState<AdminCounter | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: EMPTY });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'number', message: problem }, ...errors] : errors;
  const serviceName = (id: string) => services.data?.items.find((s) => s.id === id)?.name[language] ?? id;

  const edit = (counter: AdminCounter | null) => {
    setEditing(counter);
    setProblem(null);
    setSaved(null);
    form.reset(
      counter
        ? {
            number: String(counter.number),
            name: counter.name,
            serviceIds: counter.serviceIds,
            active: counter.active,
          }
        : EMPTY,
    );
    document.getElementById('number')?.focus();
  };

  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    setSaved(null);
    const body = {
      number: Number(normaliseDigits(v.number)),
      name: { en: v.name.en.trim(), ar: v.name.ar.trim() },
      serviceIds: v.serviceIds,
      active: v.active,
    };
    try {
      const done = await save.mutateAsync({ ...(editing ? { id: editing.id } : {}), body });
      setSaved(t('centres.counters.saved', { number: done.number }));
      setEditing(null);
      form.reset(EMPTY);
    } catch (err) {
      setProblem(
        applyProblem(err, form, t, {
          codes: { ALREADY_EXISTS: { field: 'number', message: t('centres.counters.numberTaken') } },
        }),
      );
    }
  });

  const list = counters.data?.items ?? [];
  return (
    <Stack gap="md">
      <Title order={2}>{t('centres.counters.title')}</Title>
      {counters.data && list.length === 0 && <Text>{t('centres.counters.none')}</Text>}
      {list.length > 0 && (
        <ScrollTable
          label={t('centres.counters.title')}
          minWidth={560}
          testId="counters-table"
          columns={[
            t('centres.counters.number'),
            t('centres.counters.name'),
            t('centres.counters.services'),
            t('centres.counters.status'),
            t('centres.counters.actions'),
          ]}
        >
          {list.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.number}</Table.Td>
              <Table.Td>{c.name[language]}</Table.Td>
              <Table.Td>
                {c.serviceIds.length === 0
                  ? t('centres.counters.noServices')
                  : c.serviceIds.map(serviceName).join(language === 'ar' ? '، ' : ', ')}
              </Table.Td>
              <Table.Td>{c.active ? t('centres.counters.active') : t('centres.counters.inactive')}</Table.Td>
              <Table.Td>
                <Button variant="light" onClick={() => edit(c)}>
                  {t('centres.counters.edit', { number: c.number })}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      {saved && (
        <Alert color="green" role="status">
          {saved}
        </Alert>
      )}
      <Title order={3}>
        {editing
          ? t('centres.counters.editTitle', { number: editing.number })
          : t('centres.counters.addTitle')}
      </Title>
      <ErrorSummary errors={summary} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={720}>
          <TextInput
            id="number"
            dir="ltr"
            inputMode="numeric"
            w={160}
            label={t('centres.counters.number')}
            error={form.formState.errors.number?.message}
            {...form.register('number', {
              validate: (v) => {
                const n = Number(normaliseDigits(v).trim());
                return (
                  (v.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 999) ||
                  t('centres.counters.numberRule')
                );
              },
            })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              id="name.en"
              dir="ltr"
              label={t('centres.counters.nameEn')}
              error={form.formState.errors.name?.en?.message}
              {...form.register('name.en', { required: t('shell.form.required') })}
            />
            <TextInput
              id="name.ar"
              dir="rtl"
              label={t('centres.counters.nameAr')}
              error={form.formState.errors.name?.ar?.message}
              {...form.register('name.ar', { required: t('shell.form.required') })}
            />
          </SimpleGrid>
          <Controller
            control={form.control}
            name="serviceIds"
            render={({ field }) => (
              <Checkbox.Group
                id="serviceIds"
                label={t('centres.counters.services')}
                description={t('centres.counters.servicesHint')}
                value={field.value}
                onChange={field.onChange}
              >
                <Stack gap="xs" mt="xs">
                  {(services.data?.items ?? [])
                    .filter((s) => offered.has(s.id) || field.value.includes(s.id))
                    .map((s) => (
                      <Checkbox key={s.id} value={s.id} label={s.name[language]} />
                    ))}
                </Stack>
              </Checkbox.Group>
            )}
          />
          <Checkbox id="active" label={t('centres.counters.inUse')} {...form.register('active')} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {editing ? t('centres.counters.save') : t('centres.counters.add')}
            </Button>
            {editing && (
              <Button variant="subtle" onClick={() => edit(null)}>
                {t('shell.form.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
