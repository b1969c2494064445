import { Stack, Table, Text, Title } from '@mantine/core';
import type { PublicTransparency } from '@mawaeed/core/contracts/dashboard';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getJson } from '../api/http';
import { Loading } from '../components/loading';
import { usePageTitle } from '../components/page-title';
import { useLanguage } from '../i18n/i18n';

/** How each centre did last month, in the open: no login, figures only. */
export function TransparencyPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  usePageTitle(t('transparency.title'));
  const report = useQuery({
    queryKey: ['transparency'],
    queryFn: ({ signal }) => getJson<PublicTransparency>('/api/v1/transparency', { signal }),
  });
  const locale = language === 'ar' ? 'ar-BH-u-nu-latn' : 'en-GB';
  const pct = (v: number | null) => (v === null ? t('transparency.none') : `${Math.round(v * 100)}%`);
  const num = (v: number | null, unit = '') =>
    v === null ? t('transparency.none') : `${v.toLocaleString(locale, { maximumFractionDigits: 1 })}${unit}`;
  const month = report.data?.month
    ? new Intl.DateTimeFormat(language === 'ar' ? 'ar-BH' : 'en-GB', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${report.data.month}-01T00:00:00Z`))
    : '';
  return (
    <Stack gap="lg">
      <Title order={1}>{t('transparency.title')}</Title>
      <Text>{t('transparency.intro')}</Text>
      {!report.data ? (
        <Loading query={report} />
      ) : (
        // A wide table scrolls on a phone; the keyboard must reach it too (WCAG 2.1.1).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable so keyboards can scroll it
        <section tabIndex={0} aria-label={t('transparency.title')} style={{ overflowX: 'auto' }}>
          <Table striped data-testid="transparency-table">
            <Table.Caption>{t('transparency.caption', { month })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('transparency.centre')}</Table.Th>
                <Table.Th scope="col">{t('transparency.compliance')}</Table.Th>
                <Table.Th scope="col">{t('transparency.medianWait')}</Table.Th>
                <Table.Th scope="col">{t('transparency.satisfaction')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.items.map((c) => (
                <Table.Tr key={c.centreId}>
                  <Table.Th scope="row">{c.name[language]}</Table.Th>
                  <Table.Td>{pct(c.appointmentCompliance)}</Table.Td>
                  <Table.Td>{num(c.waitMedian, ` ${t('transparency.min')}`)}</Table.Td>
                  <Table.Td>
                    {c.satisfaction === null
                      ? t('transparency.none')
                      : t('transparency.rated', { score: num(c.satisfaction), count: c.ratings })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
      <Text size="sm">{t('transparency.method')}</Text>
    </Stack>
  );
}
