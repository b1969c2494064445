import {
  Anchor,
  Button,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { addDays, todayIn } from '@mawaeed/core/time/local';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { useLanguage } from '../../i18n/i18n';
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
import { useCentreChoice } from './centre-select';
import { Figure } from './figure';
import { KpiSections, RATE_KPIS, useFigureFormat } from './kpi-sections';

/** Managers' and administrators' view: the hall now, the period's KPIs against targets, feedback. */
export function DashboardPage() {
  const { t } = useTranslation('staff');
  const staff = useStaff();
  usePageTitle(t('dashboard.title'));
  const today = todayIn('Asia/Bahrain', new Date());
  const [period, setPeriod] = useState<Period>({ from: addDays(today, -29), to: today });
  const { centreId, picker } = useCentreChoice(period.centreId, (id) =>
    setPeriod((p) => ({ ...p, centreId: id })),
  );
  const scoped = { ...period, ...(centreId ? { centreId } : {}) };
  const kpis = useKpis(scoped);
  const { nf, pct } = useFigureFormat();

  return (
    <Stack gap="xl">
      <Group justify="space-between" align="center">
        <Title order={1}>{t('dashboard.title')}</Title>
        <Anchor component={Link} to="/staff/dashboard/report">
          {t('dashboard.report.link')}
        </Anchor>
      </Group>
      <Group align="end" wrap="wrap" gap="md">
        {picker}
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
