import {
  Alert,
  Button,
  Checkbox,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { AdminCentre } from '@mawaeed/core/contracts/admin';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { Ltr } from '../../components/ltr';
import { useLanguage } from '../../i18n/i18n';
import { useAdminServices, useOfferings, usePutOffering } from '../api/centres';
import { useAffectedBookings } from '../components/affected-bookings';
import { ScrollTable } from '../components/scroll-table';
import { applyProblem, fieldErrorList } from '../form';
import { CapacityRulesFields, type CapacityRuleValues, capacityRulesBody } from './capacity-rules';
import { normaliseDigits } from './time-input';

type Values = {
  serviceId: string;
  slotMinutes: string;
  capacity: string;
  capacityRules: CapacityRuleValues[];
  walkIns: string;
  active: boolean;
};

/** Which services the centre offers, with slot length and seats; a cut or an end goes through the guard. */
export function OfferingsSection({ centre }: { centre: AdminCentre }) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const services = useAdminServices();
  const offerings = useOfferings(centre.id);
  const put = usePutOffering(centre.id);
  const guard = useAffectedBookings(centre.timeZone);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    defaultValues: {
      serviceId: '',
      slotMinutes: '15',
      capacity: '1',
      capacityRules: [],
      walkIns: '',
      active: true,
    },
  });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'serviceId', message: problem }, ...errors] : errors;
  const serviceName = (id: string) => services.data?.items.find((s) => s.id === id)?.name[language] ?? id;
  const whole = (min: number) => ({
    validate: (v: string) => {
      const n = Number(normaliseDigits(v));
      return (Number.isInteger(n) && n >= min) || t('shell.form.number');
    },
  });

  const choose = (serviceId: string) => {
    const current = offerings.data?.items.find((o) => o.serviceId === serviceId);
    form.reset({
      serviceId,
      slotMinutes: String(current?.slotMinutes ?? 15),
      capacity: String(current?.capacity ?? 1),
      capacityRules: (current?.capacityRules ?? []).map((r) => ({
        from: r.from,
        to: r.to,
        capacity: String(r.capacity),
      })),
      walkIns: current?.walkInDailyCapacity == null ? '' : String(current.walkInDailyCapacity),
      active: current?.active ?? true,
    });
  };

  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    setSaved(false);
    const body = {
      slotMinutes: Number(normaliseDigits(v.slotMinutes)),
      capacity: Number(normaliseDigits(v.capacity)),
      capacityRules: capacityRulesBody(v.capacityRules),
      walkInDailyCapacity: v.walkIns.trim() === '' ? null : Number(normaliseDigits(v.walkIns)),
      active: v.active,
    };
    try {
      const done = await guard.send((onAffected) =>
        put.mutateAsync({ serviceId: v.serviceId, body: { ...body, ...(onAffected ? { onAffected } : {}) } }),
      );
      if (done) setSaved(true);
    } catch (err) {
      setProblem(applyProblem(err, form, t));
    }
  });

  return (
    <Stack gap="md">
      <Title order={2}>{t('centres.offerings.title')}</Title>
      {offerings.data && offerings.data.items.length === 0 && <Text>{t('centres.offerings.none')}</Text>}
      {offerings.data && offerings.data.items.length > 0 && (
        <ScrollTable
          label={t('centres.offerings.title')}
          minWidth={560}
          testId="offerings-table"
          columns={[
            t('centres.offerings.service'),
            t('centres.offerings.slotMinutes'),
            t('centres.offerings.capacity'),
            t('centres.capacity.column'),
            t('centres.offerings.walkIns'),
            t('centres.offerings.status'),
          ]}
        >
          {offerings.data.items.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>{serviceName(o.serviceId)}</Table.Td>
              <Table.Td>{o.slotMinutes}</Table.Td>
              <Table.Td>{o.capacity}</Table.Td>
              <Table.Td>
                {o.capacityRules.length === 0
                  ? '—'
                  : o.capacityRules.map((r) => (
                      <Text key={r.from} size="sm">
                        <Ltr>
                          {r.from}–{r.to}
                        </Ltr>{' '}
                        {t('centres.capacity.seatsShort', { count: r.capacity })}
                      </Text>
                    ))}
              </Table.Td>
              <Table.Td>{o.walkInDailyCapacity ?? t('centres.offerings.noLimit')}</Table.Td>
              <Table.Td>{o.active ? t('centres.offerings.on') : t('centres.offerings.off')}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      <ErrorSummary errors={summary} />
      {saved && (
        <Alert color="green" role="status">
          {t('centres.offerings.saved')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={560}>
          <NativeSelect
            id="serviceId"
            // Choosing a service fills the form from its current offering: not before that is known.
            disabled={!offerings.data}
            label={t('centres.offerings.service')}
            error={form.formState.errors.serviceId?.message}
            data={[
              { value: '', label: '—' },
              ...(services.data?.items ?? []).map((s) => ({ value: s.id, label: s.name[language] })),
            ]}
            {...form.register('serviceId', {
              required: t('shell.form.required'),
              onChange: (e: { target: { value: string } }) => choose(e.target.value),
            })}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              id="slotMinutes"
              dir="ltr"
              inputMode="numeric"
              label={t('centres.offerings.slotMinutes')}
              error={form.formState.errors.slotMinutes?.message}
              {...form.register('slotMinutes', whole(5))}
            />
            <TextInput
              id="capacity"
              dir="ltr"
              inputMode="numeric"
              label={t('centres.offerings.capacity')}
              error={form.formState.errors.capacity?.message}
              {...form.register('capacity', whole(0))}
            />
            <TextInput
              id="walkIns"
              dir="ltr"
              inputMode="numeric"
              label={t('centres.offerings.walkIns')}
              description={t('centres.offerings.walkInsHint')}
              error={form.formState.errors.walkIns?.message}
              {...form.register('walkIns', {
                validate: (v: string) => v.trim() === '' || whole(0).validate(v),
              })}
            />
          </SimpleGrid>
          <CapacityRulesFields form={form} />
          <Checkbox id="active" label={t('centres.offerings.active')} {...form.register('active')} />
          <Button type="submit" loading={put.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('centres.offerings.save')}
          </Button>
        </Stack>
      </form>
      {guard.dialog}
    </Stack>
  );
}
