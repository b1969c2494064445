import {
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { DashboardKpis } from '@mawaeed/core/contracts/dashboard';
import { addDays, todayIn } from '@mawaeed/core/time/local';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentres } from '../api/centres';
import {
  type FollowUpView,
  type Period,
  useCloseFollowUp,
  useFeedbackList,
  useFollowUps,
  useKpis,
  useLiveHall,
  useSaveTargets,
  useTargets,
} from '../api/dashboard';
import { useStaff } from '../api/use-staff';
import { Figure } from './figure';

const LIGHT_COLOUR = { green: 'green', amber: 'yellow', red: 'red', none: 'gray' } as const;
const RATE_KPIS = new Set(['appointmentCompliance', 'noShowRate', 'utilisation', 'csat']);

/** Managers' and administrators' view: the hall now, the period's KPIs against targets, feedback. */
export function DashboardPage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const staff = useStaff();
  const centres = useAdminCentres();
  usePageTitle(t('dashboard.title'));
  const today = todayIn('Asia/Bahrain', new Date());
  const [period, setPeriod] = useState<Period>({ from: addDays(today, -29), to: today });
  const centreId =
    period.centreId ?? (staff.role === 'administrator' ? undefined : centres.data?.items[0]?.id);
  const scoped = { ...period, ...(centreId ? { centreId } : {}) };
  const kpis = useKpis(scoped);
  const nf = (v: number | null, digits = 1) =>
    v === null
      ? '–'
      : v.toLocaleString(language === 'ar' ? 'ar-BH-u-nu-latn' : 'en-GB', { maximumFractionDigits: digits });
  const pct = (v: number | null) => (v === null ? '–' : `${nf(v * 100, 0)}%`);

  return (
    <Stack gap="xl">
      <Title order={1}>{t('dashboard.title')}</Title>
      <Group align="end" wrap="wrap" gap="md">
        <Select
          label={t('dashboard.centre')}
          data={[
            ...(staff.role === 'administrator' ? [{ value: '', label: t('dashboard.allCentres') }] : []),
            ...(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name[language] })),
          ]}
          value={centreId ?? ''}
          onChange={(v) => setPeriod((p) => ({ ...p, centreId: v || undefined }))}
          allowDeselect={false}
          data-testid="dashboard-centre"
        />
        <TextInput
          type="date"
          label={t('dashboard.from')}
          value={period.from}
          onChange={(e) => e.currentTarget.value && setPeriod((p) => ({ ...p, from: e.currentTarget.value }))}
        />
        <TextInput
          type="date"
          label={t('dashboard.to')}
          value={period.to}
          onChange={(e) => e.currentTarget.value && setPeriod((p) => ({ ...p, to: e.currentTarget.value }))}
        />
      </Group>
      {centreId && <LiveHallPanel centreId={centreId} />}
      {!kpis.data ? <Loading query={kpis} /> : <KpiSections kpis={kpis.data} nf={nf} pct={pct} />}
      <FollowUps centreId={centreId} />
      <FeedbackComments period={scoped} />
      {staff.role === 'administrator' && <TargetsEditor />}
    </Stack>
  );
}

function LiveHallPanel({ centreId }: { centreId: string }) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const live = useLiveHall(centreId);
  if (!live.data) return <Loading query={live} />;
  const d = live.data;
  const stats = [
    [t('dashboard.live.waiting'), d.waiting],
    [t('dashboard.live.longest'), d.longestWaitMinutes ?? '–'],
    [t('dashboard.live.countersOpen'), d.countersOpen],
    [t('dashboard.live.callsLastHour'), d.callsLastHour],
  ] as const;
  return (
    <Stack gap="xs" component="section" aria-labelledby="live-heading" data-testid="dashboard-live">
      <Title order={2} size="h3" id="live-heading">
        {t('dashboard.live.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {stats.map(([label, value]) => (
          <div key={label}>
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text size="xl" fw={700}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Text size="sm">
        {d.services.map((s) => `${s.letter} ${s.name[language]}: ${s.waiting}`).join(' · ')}
      </Text>
    </Stack>
  );
}

function KpiSections({
  kpis: k,
  nf,
  pct,
}: {
  kpis: DashboardKpis;
  nf: (v: number | null, digits?: number) => string;
  pct: (v: number | null) => string;
}) {
  const { t } = useTranslation('staff');
  const kpiName = (kpi: string) => t(`dashboard.kpi.${kpi}` as 'dashboard.kpi.csat');
  const show = (kpi: string, v: number | null) => (RATE_KPIS.has(kpi) ? pct(v) : nf(v));
  const range = `${k.from}_${k.to}`;
  return (
    <>
      <Stack
        gap="xs"
        component="section"
        aria-labelledby="scorecard-heading"
        data-testid="dashboard-scorecard"
      >
        <Title order={2} size="h3" id="scorecard-heading">
          {t('dashboard.scorecard')}
        </Title>
        <Table.ScrollContainer minWidth={320}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dashboard.kpiColumn')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.value')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.target')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {k.scorecard.map((s) => (
                <Table.Tr key={s.kpi}>
                  <Table.Th scope="row">{kpiName(s.kpi)}</Table.Th>
                  <Table.Td>{show(s.kpi, s.value)}</Table.Td>
                  <Table.Td>{show(s.kpi, s.target)}</Table.Td>
                  <Table.Td>
                    <Badge color={LIGHT_COLOUR[s.light]} c="dark.9" variant="light" data-light={s.light}>
                      {t(`dashboard.light.${s.light}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <Figure
        title={t('dashboard.summary')}
        testId="dashboard-summary"
        filename={`kpis_${range}.csv`}
        columns={[{ label: t('dashboard.kpiColumn') }, { label: t('dashboard.value') }]}
        rows={[
          [t('dashboard.kpi.bookings'), k.bookings],
          [t('dashboard.kpi.cancellations'), k.cancellations],
          [kpiName('noShowRate'), pct(k.noShowRate)],
          [kpiName('appointmentCompliance'), pct(k.appointmentCompliance)],
          [t('dashboard.kpi.visits'), k.visits],
          [t('dashboard.kpi.waitMean'), nf(k.waitingMinutes.mean)],
          [kpiName('waitMedian'), nf(k.waitingMinutes.median)],
          [kpiName('waitP90'), nf(k.waitingMinutes.p90)],
          [t('dashboard.kpi.serviceMean'), nf(k.serviceMinutes.mean)],
          [kpiName('utilisation'), pct(k.utilisation)],
          [kpiName('performance'), nf(k.satisfaction.performance, 2)],
          [kpiName('organisation'), nf(k.satisfaction.organisation, 2)],
          [kpiName('quality'), nf(k.satisfaction.quality, 2)],
          [kpiName('csat'), pct(k.satisfaction.csat)],
          [t('dashboard.kpi.ratings'), k.satisfaction.count],
        ]}
      />
      <Figure
        title={t('dashboard.daily')}
        testId="dashboard-daily"
        filename={`daily_${range}.csv`}
        barColumn={1}
        columns={[
          { label: t('dashboard.date') },
          { label: t('dashboard.kpi.visits') },
          { label: t('dashboard.kpi.waitMedian') },
          { label: t('dashboard.kpi.appointmentCompliance') },
          { label: t('dashboard.kpi.noShowRate') },
        ]}
        rows={k.daily.map((d) => [d.date, d.visits, nf(d.waitMedian), pct(d.compliance), pct(d.noShowRate)])}
      />
      <Figure
        title={t('dashboard.byHour')}
        testId="dashboard-by-hour"
        filename={`wait-by-hour_${range}.csv`}
        barColumn={2}
        columns={[
          { label: t('dashboard.hour') },
          { label: t('dashboard.kpi.visits') },
          { label: t('dashboard.kpi.waitMedian') },
        ]}
        rows={k.waitByHour.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, h.visits, h.waitMedian])}
      />
      <Figure
        title={t('dashboard.distribution')}
        testId="dashboard-distribution"
        filename={`wait-distribution_${range}.csv`}
        barColumn={1}
        columns={[{ label: t('dashboard.minutes') }, { label: t('dashboard.kpi.visits') }]}
        rows={k.waitDistribution.map((b, i, all) => [
          all[i + 1] ? `${b.fromMinutes}–${all[i + 1]?.fromMinutes}` : `${b.fromMinutes}+`,
          b.visits,
        ])}
      />
    </>
  );
}

function FollowUps({ centreId }: { centreId: string | undefined }) {
  const { t } = useTranslation('staff');
  const list = useFollowUps(centreId);
  return (
    <Stack
      gap="xs"
      component="section"
      aria-labelledby="follow-ups-heading"
      data-testid="dashboard-follow-ups"
    >
      <Title order={2} size="h3" id="follow-ups-heading">
        {t('dashboard.followUps.title')}
      </Title>
      {!list.data ? (
        <Loading query={list} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('dashboard.followUps.none')}</Text>
      ) : (
        list.data.items.map((f) => <FollowUpItem key={f.id} item={f} />)
      )}
    </Stack>
  );
}

function FollowUpItem({ item }: { item: FollowUpView }) {
  const { t } = useTranslation('staff');
  const close = useCloseFollowUp();
  const [note, setNote] = useState('');
  const f = item.feedback;
  return (
    <Stack gap={4} p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}>
      <Text size="sm">
        {t('dashboard.kpi.performance')} {f.performance} · {t('dashboard.kpi.organisation')} {f.organisation}{' '}
        · {t('dashboard.kpi.quality')} {f.quality}
      </Text>
      {/* A comment is text a member of the public wrote: rendered as text, never as markup. */}
      {f.comment && <Text data-testid="follow-up-comment">{f.comment}</Text>}
      <Group align="end">
        <Textarea
          label={t('dashboard.followUps.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={1}
          style={{ flex: 1 }}
          error={close.error ? t('dashboard.followUps.failed') : undefined}
        />
        <Button
          disabled={!note.trim()}
          loading={close.isPending}
          onClick={() => close.mutate({ id: item.id, note })}
        >
          {t('dashboard.followUps.close')}
        </Button>
      </Group>
    </Stack>
  );
}

function FeedbackComments({ period }: { period: Period }) {
  const { t } = useTranslation('staff');
  const list = useFeedbackList(period);
  const rows = (list.data?.items ?? []).map((f) => [
    f.visitedAt.slice(0, 10),
    f.performance,
    f.organisation,
    f.quality,
    f.waitingMinutes,
    f.comment,
  ]);
  return (
    <Figure
      title={t('dashboard.feedback')}
      testId="dashboard-feedback"
      filename={`feedback_${period.from}_${period.to}.csv`}
      columns={[
        { label: t('dashboard.date') },
        { label: t('dashboard.kpi.performance') },
        { label: t('dashboard.kpi.organisation') },
        { label: t('dashboard.kpi.quality') },
        { label: t('dashboard.waited') },
        { label: t('dashboard.comment') },
      ]}
      rows={rows}
    />
  );
}

function TargetsEditor() {
  const { t } = useTranslation('staff');
  const targets = useTargets();
  const save = useSaveTargets();
  const [draft, setDraft] = useState<Record<string, number>>({});
  if (!targets.data) return <Loading query={targets} />;
  return (
    <Stack gap="xs" component="section" aria-labelledby="targets-heading">
      <Title order={2} size="h3" id="targets-heading">
        {t('dashboard.targets.title')}
      </Title>
      <Text size="sm">{t('dashboard.targets.hint')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {targets.data.items.map((i) => (
          <NumberInput
            key={i.kpi}
            label={t(`dashboard.kpi.${i.kpi}` as 'dashboard.kpi.csat')}
            value={draft[i.kpi] ?? i.target}
            min={0}
            step={RATE_KPIS.has(i.kpi) ? 0.05 : 0.5}
            decimalScale={2}
            onChange={(v) => typeof v === 'number' && setDraft((d) => ({ ...d, [i.kpi]: v }))}
          />
        ))}
      </SimpleGrid>
      <Group>
        <Button
          onClick={() => save.mutate(draft)}
          loading={save.isPending}
          disabled={Object.keys(draft).length === 0}
        >
          {t('dashboard.targets.save')}
        </Button>
        {save.isSuccess && <Text role="status">{t('dashboard.targets.saved')}</Text>}
      </Group>
    </Stack>
  );
}
