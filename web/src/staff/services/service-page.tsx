import { Alert, Button, Checkbox, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import type { ServiceCreate } from '@mawaeed/core/contracts/admin';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../components/back-link';
import { ErrorSummary } from '../../components/error-summary';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentres } from '../api/centres';
import { type AdminServiceFull, useSaveService, useServiceList } from '../api/services';
import { normaliseDigits } from '../centres/time-input';
import { useAffectedBookings } from '../components/affected-bookings';
import { applyProblem, errorAt, fieldErrorList } from '../form';

const NUMBERS = [
  'durationMinutes',
  'minLeadMinutes',
  'maxDaysAhead',
  'perPersonLimit',
  'sortOrder',
  'checkInEarlyMinutes',
  'checkInLateMinutes',
] as const;
type NumberField = (typeof NUMBERS)[number];
/** The same limits as the API's contract, so most mistakes are caught before sending. */
const RANGE: Record<NumberField, [number, number]> = {
  durationMinutes: [1, 480],
  minLeadMinutes: [0, 43_200],
  maxDaysAhead: [0, 366],
  perPersonLimit: [1, 50],
  sortOrder: [0, 10_000],
  checkInEarlyMinutes: [0, 240],
  checkInLateMinutes: [0, 240],
};

type Values = {
  code: string;
  letter: string;
  name: { en: string; ar: string };
  description: { en: string; ar: string };
  documents: { en: string; ar: string };
  walkIns: boolean;
  active: boolean;
} & Record<NumberField, string>;

const valuesOf = (s: AdminServiceFull | undefined): Values => ({
  code: s?.code ?? '',
  letter: s?.letter ?? '',
  name: s?.name ?? { en: '', ar: '' },
  description: s?.description ?? { en: '', ar: '' },
  documents: { en: s?.documents.en.join('\n') ?? '', ar: s?.documents.ar.join('\n') ?? '' },
  walkIns: s?.walkIns ?? true,
  active: s?.active ?? true,
  durationMinutes: String(s?.durationMinutes ?? 15),
  minLeadMinutes: String(s?.minLeadMinutes ?? 60),
  maxDaysAhead: String(s?.maxDaysAhead ?? 30),
  perPersonLimit: String(s?.perPersonLimit ?? 1),
  sortOrder: String(s?.sortOrder ?? 0),
  checkInEarlyMinutes: String(s?.checkInEarlyMinutes ?? 30),
  checkInLateMinutes: String(s?.checkInLateMinutes ?? 15),
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Add a service (/staff/services/new) or change one; withdrawing it goes through the bookings guard. */
export function ServicePage() {
  const { t } = useTranslation('staff');
  const { serviceId = 'new' } = useParams({ strict: false }) as { serviceId?: string };
  const services = useServiceList();
  if (serviceId === 'new') return <ServiceForm />;
  if (!services.data) return <Loading query={services} />;
  const service = services.data.items.find((s) => s.id === serviceId);
  if (!service) return <Alert color="red">{t('shell.errors.notFound')}</Alert>;
  return <ServiceForm key={service.id} service={service} />;
}

function ServiceForm({ service }: { service?: AdminServiceFull }) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const navigate = useNavigate();
  const save = useSaveService();
  // Bookings a withdrawal strands may be at any centre; their times are read in the first one's zone.
  const zone = useAdminCentres().data?.items[0]?.timeZone ?? 'UTC';
  const guard = useAffectedBookings(zone);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({ defaultValues: valuesOf(service) });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'name.en', message: problem }, ...errors] : errors;
  const title = service ? service.name[language] : t('services.new.title');
  usePageTitle(title, summary.length > 0);
  const required = { validate: (v: unknown) => String(v).trim() !== '' || t('shell.form.required') };

  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    setSaved(false);
    const numbers = Object.fromEntries(
      NUMBERS.map((k) => [k, Number(normaliseDigits(v[k]).trim())]),
    ) as Record<NumberField, number>;
    const fields = {
      letter: v.letter.trim().toUpperCase(),
      name: { en: v.name.en.trim(), ar: v.name.ar.trim() },
      description: { en: v.description.en.trim(), ar: v.description.ar.trim() },
      documents: { en: lines(v.documents.en), ar: lines(v.documents.ar) },
      walkIns: v.walkIns,
      ...numbers,
    };
    try {
      if (service) {
        const done = await guard.send((onAffected) =>
          save.mutateAsync({
            id: service.id,
            body: { ...fields, active: v.active, ...(onAffected ? { onAffected } : {}) },
          }),
        );
        if (done) {
          form.reset(valuesOf(done));
          setSaved(true);
        }
      } else {
        const body: ServiceCreate = { code: v.code.trim(), ...fields };
        const done = await save.mutateAsync({ body });
        void navigate({ to: '/staff/services/$serviceId', params: { serviceId: done.id } });
      }
    } catch (err) {
      setProblem(
        applyProblem(err, form, t, {
          fields: { 'documents.en': 'documents.en', 'documents.ar': 'documents.ar' },
          codes: { ALREADY_EXISTS: { field: 'code', message: t('services.fields.codeTaken') } },
        }),
      );
    }
  });

  const errorOf = (name: FieldPath<Values>) => errorAt(form.formState.errors, name);
  const text = (name: FieldPath<Values>, label: string) => (
    <TextInput
      id={name}
      label={label}
      error={errorOf(name)}
      dir={name.endsWith('.en') ? 'ltr' : 'rtl'}
      {...form.register(name, required)}
    />
  );
  const number = (name: NumberField) => {
    const [min, max] = RANGE[name];
    return (
      <TextInput
        id={name}
        label={t(`services.fields.${name}`)}
        description={t('services.fields.range', { min, max })}
        dir="ltr"
        inputMode="numeric"
        error={errorOf(name)}
        {...form.register(name, {
          validate: (v: string) => {
            const n = Number(normaliseDigits(v).trim());
            return (v.trim() !== '' && Number.isInteger(n) && n >= min && n <= max) || t('shell.form.number');
          },
        })}
      />
    );
  };

  return (
    <>
      <BackLink to="/staff/services">{t('services.list.title')}</BackLink>
      <Title order={1}>{title}</Title>
      <ErrorSummary errors={summary} />
      {saved && (
        <Alert color="green" role="status">
          {t('services.saved')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={720}>
          {service ? (
            <TextInput
              id="code"
              label={t('services.fields.code')}
              value={service.code}
              dir="ltr"
              readOnly
              variant="filled"
            />
          ) : (
            <TextInput
              id="code"
              label={t('services.fields.code')}
              dir="ltr"
              error={errorOf('code')}
              {...form.register('code', {
                validate: (v) => /^[a-z0-9][a-z0-9-]{0,39}$/.test(v.trim()) || t('services.fields.codeRule'),
              })}
            />
          )}
          <TextInput
            id="letter"
            label={t('services.fields.letter')}
            description={
              <>
                {t('services.fields.letterHint')} <Ltr>P-017</Ltr>
              </>
            }
            dir="ltr"
            w={160}
            maxLength={1}
            error={errorOf('letter')}
            {...form.register('letter', {
              validate: (v) => /^[A-Z]$/.test(v.trim().toUpperCase()) || t('services.fields.letterRule'),
            })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('name.en', t('services.fields.nameEn'))}
            {text('name.ar', t('services.fields.nameAr'))}
            {(['en', 'ar'] as const).map((lang) => (
              <Textarea
                key={lang}
                id={`description.${lang}`}
                dir={lang === 'en' ? 'ltr' : 'rtl'}
                label={t(lang === 'en' ? 'services.fields.descriptionEn' : 'services.fields.descriptionAr')}
                autosize
                minRows={2}
                error={errorOf(`description.${lang}`)}
                {...form.register(`description.${lang}`, required)}
              />
            ))}
            <Textarea
              id="documents.en"
              dir="ltr"
              label={t('services.fields.documentsEn')}
              description={t('services.fields.documentsHint')}
              autosize
              minRows={3}
              error={errorOf('documents.en')}
              {...form.register('documents.en')}
            />
            <Textarea
              id="documents.ar"
              dir="rtl"
              label={t('services.fields.documentsAr')}
              description={t('services.fields.documentsHint')}
              autosize
              minRows={3}
              error={errorOf('documents.ar')}
              {...form.register('documents.ar')}
            />
            {NUMBERS.map((n) => (
              <div key={n}>{number(n)}</div>
            ))}
          </SimpleGrid>
          <Checkbox id="walkIns" label={t('services.fields.walkIns')} {...form.register('walkIns')} />
          {service && (
            <Checkbox
              id="active"
              label={t('services.fields.active')}
              description={t('services.fields.activeHint')}
              {...form.register('active')}
            />
          )}
          <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
            {service ? t('services.save') : t('services.new.submit')}
          </Button>
        </Stack>
      </form>
      {guard.dialog}
    </>
  );
}
