import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { addDays, todayIn } from '@mawaeed/core/time/local';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { useLanguage } from '../../i18n/i18n';
import { useKpis } from '../api/dashboard';
import { useCentreChoice } from './centre-select';
import { KpiSections, useFigureFormat } from './kpi-sections';
import classes from './report.module.css';

/** First and last local date of a month 'YYYY-MM'. */
function monthRange(month: string) {
  const from = `${month}-01`;
  const next = `${addDays(from, 31).slice(0, 7)}-01`;
  return { from, to: addDays(next, -1) };
}

/**
 * The monthly report: one month's scorecard and figures for one centre (or all), laid out to
 * print: the staff navigation, the pickers and the buttons are left off the paper.
 */
export function ReportPage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  usePageTitle(t('dashboard.report.title'));
  const lastMonth = addDays(`${todayIn('Asia/Bahrain', new Date()).slice(0, 7)}-01`, -1).slice(0, 7);
  const [month, setMonth] = useState(lastMonth);
  const [chosen, setChosen] = useState<string | undefined>();
  const { centreId, centreName, picker } = useCentreChoice(chosen, setChosen);
  const kpis = useKpis({ ...monthRange(month), ...(centreId ? { centreId } : {}) });
  const { nf, pct } = useFigureFormat();
  const monthName = new Date(`${month}-01T00:00:00Z`).toLocaleDateString(
    language === 'ar' ? 'ar-BH-u-nu-latn' : 'en-GB',
    { month: 'long', year: 'numeric', timeZone: 'UTC' },
  );
  return (
    <Stack gap="xl" className={classes.report} data-report>
      <Stack gap={4}>
        <Title order={1}>{t('dashboard.report.title')}</Title>
        <Text size="lg" data-testid="report-scope">
          {t('dashboard.report.scope', { centre: centreName, month: monthName })}
        </Text>
      </Stack>
      <Group align="end" wrap="wrap" gap="md" data-print="hide">
        {picker}
        <TextInput
          type="month"
          label={t('dashboard.report.month')}
          value={month}
          onChange={(e) => /^\d{4}-\d{2}$/.test(e.currentTarget.value) && setMonth(e.currentTarget.value)}
        />
        <Button onClick={() => window.print()}>{t('dashboard.report.print')}</Button>
      </Group>
      {!kpis.data ? <Loading query={kpis} /> : <KpiSections kpis={kpis.data} nf={nf} pct={pct} />}
    </Stack>
  );
}
