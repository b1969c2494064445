import { Badge, Stack, Table, Title } from '@mantine/core';
import type { DashboardKpis } from '@mawaeed/core/contracts/dashboard';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/i18n';
import { ScrollTable } from '../components/scroll-table';
import { Figure } from './figure';
import { WaitHeatMap } from './heat-map';

const LIGHT_COLOUR = { green: 'green', amber: 'yellow', red: 'red', none: 'gray' } as const;
export const RATE_KPIS = new Set(['appointmentCompliance', 'noShowRate', 'utilisation', 'csat']);

/** Numbers as the dashboard writes them: Western digits in both languages, '–' for none. */
export function useFigureFormat() {
  const language = useLanguage();
  const nf = (v: number | null, digits = 1) =>
    v === null
      ? '–'
      : v.toLocaleString(language === 'ar' ? 'ar-BH-u-nu-latn' : 'en-GB', { maximumFractionDigits: digits });
  const pct = (v: number | null) => (v === null ? '–' : `${nf(v * 100, 0)}%`);
  return { nf, pct };
}

/** A period's figures: the scorecard, the summary and each chart with its table view and CSV. */
export function KpiSections({
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
        <ScrollTable
          label={t('dashboard.scorecard')}
          minWidth={320}
          columns={[
            t('dashboard.kpiColumn'),
            t('dashboard.value'),
            t('dashboard.target'),
            t('dashboard.status'),
          ]}
        >
          {k.scorecard.map((s) => (
            <Table.Tr key={s.kpi}>
              <Table.Th scope="row">{kpiName(s.kpi)}</Table.Th>
              <Table.Td>{show(s.kpi, s.value)}</Table.Td>
              <Table.Td>{show(s.kpi, s.target)}</Table.Td>
              <Table.Td>
                <Badge
                  color={LIGHT_COLOUR[s.light]}
                  c="dark.9"
                  variant="light"
                  data-light={s.light}
                  // On a phone the column is narrow: the status wraps rather than being cut to "Off…".
                  h="auto"
                  styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
                >
                  {t(`dashboard.light.${s.light}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
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
          [t('dashboard.kpi.waitlistFilled'), k.waitlist.filled],
          [t('dashboard.kpi.waitlistMinutes'), nf(k.waitlist.medianMinutesToRebook)],
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
        rows={k.waitDistribution.map((b) => [
          // A hyphen between digits keeps "0-5" in reading order in Arabic too (an en dash would
          // flip it to "5–0"); "≥" mirrors its glyph in right-to-left text, so it reads right.
          b.toMinutes === null ? `≥ ${b.fromMinutes}` : `${b.fromMinutes}-${b.toMinutes}`,
          b.visits,
        ])}
      />
      <WaitHeatMap cells={k.waitHeatMap} nf={nf} filename={`wait-heat-map_${range}.csv`} />
    </>
  );
}
