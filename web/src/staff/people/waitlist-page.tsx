import { Stack, Table, Text, Title } from '@mantine/core';
import { formatReference } from '@mawaeed/core/booking/reference';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchCentres, fetchServices } from '../../api/catalogue';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { TimeText } from '../../components/time-text';
import { useLanguage } from '../../i18n/i18n';
import { useWaitlistOffers, useWaitlistSummary } from '../api/waitlist';
import { ColumnHeads, ScrollRegion } from './scroll-region';
import { formatWhen } from './when';

/** The waitlist as staff see it: its length per service, what it refilled, and each offer made. */
export function WaitlistPage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const summary = useWaitlistSummary();
  const offers = useWaitlistOffers();
  const services = useQuery({ queryKey: ['services'], queryFn: ({ signal }) => fetchServices(signal) });
  const centres = useQuery({ queryKey: ['centres'], queryFn: ({ signal }) => fetchCentres(signal) });
  usePageTitle(t('people.waitlist.title'));
  const serviceName = (id: string) => services.data?.find((s) => s.id === id)?.name[language] ?? '—';
  const centreName = (id: string) => centres.data?.find((c) => c.id === id)?.name[language] ?? '—';

  return (
    <Stack gap="md">
      <Title order={1}>{t('people.waitlist.title')}</Title>
      <Text>{t('people.waitlist.intro')}</Text>
      <Title order={2}>{t('people.waitlist.byService')}</Title>
      {!summary.data ? (
        <Loading query={summary} />
      ) : summary.data.items.length === 0 ? (
        <Text>{t('people.waitlist.empty')}</Text>
      ) : (
        <ScrollRegion label={t('people.waitlist.byService')} minWidth={640}>
          <Table data-testid="waitlist-summary" verticalSpacing="xs">
            <ColumnHeads
              labels={[
                t('people.waitlist.service'),
                t('people.waitlist.waiting'),
                t('people.waitlist.offered'),
                t('people.waitlist.filled'),
                t('people.waitlist.medianMinutes'),
              ]}
            />
            <Table.Tbody>
              {summary.data.items.map((row) => (
                <Table.Tr key={row.serviceId} data-testid="waitlist-service">
                  <Table.Td>{serviceName(row.serviceId)}</Table.Td>
                  <Table.Td>{row.waiting}</Table.Td>
                  <Table.Td>{row.offered}</Table.Td>
                  <Table.Td data-testid="waitlist-filled">{row.filledFromWaitlist}</Table.Td>
                  <Table.Td>
                    {row.medianMinutesToRebook === null
                      ? '—'
                      : t('people.waitlist.minutes', { count: Math.round(row.medianMinutesToRebook) })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      <Title order={2}>{t('people.waitlist.offers')}</Title>
      {!offers.data ? (
        <Loading query={offers} />
      ) : offers.data.items.length === 0 ? (
        <Text>{t('people.waitlist.noOffers')}</Text>
      ) : (
        <ScrollRegion label={t('people.waitlist.offers')} minWidth={960}>
          <Table data-testid="waitlist-offers" verticalSpacing="xs">
            <ColumnHeads
              labels={[
                t('people.waitlist.offeredAt'),
                t('people.waitlist.service'),
                t('people.centre'),
                t('people.waitlist.slot'),
                t('people.waitlist.to'),
                t('people.waitlist.status'),
                t('people.waitlist.decidedAt'),
                t('people.waitlist.booking'),
              ]}
            />
            <Table.Tbody>
              {offers.data.items.map((o) => (
                <Table.Tr key={o.id} data-testid="waitlist-offer">
                  <Table.Td>
                    <TimeText>{formatWhen(o.offeredAt, language)}</TimeText>
                  </Table.Td>
                  <Table.Td>{serviceName(o.serviceId)}</Table.Td>
                  <Table.Td>{centreName(o.centreId)}</Table.Td>
                  <Table.Td>
                    <TimeText>{formatWhen(o.start, language)}</TimeText>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Ltr>{o.mobileMasked}</Ltr>
                  </Table.Td>
                  <Table.Td data-testid="waitlist-offer-status">
                    {t(`people.waitlist.statuses.${o.status}`)}
                  </Table.Td>
                  <Table.Td>
                    {o.decidedAt ? <TimeText>{formatWhen(o.decidedAt, language)}</TimeText> : '—'}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {o.bookingReference ? <Ltr>{formatReference(o.bookingReference)}</Ltr> : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Stack>
  );
}
