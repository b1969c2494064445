import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leaveWaitlist } from '../../api/waitlist';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { RouterAnchor } from '../../components/router-link';
import { SummaryList } from '../../components/summary-list';
import { useErrorText } from '../../features/booking/error-text';
import { useServices } from '../../features/catalogue/use-catalogue';
import { useCentres } from '../../features/catalogue/use-centres';
import { takeWaitlistToken } from '../../features/waitlist/tokens';
import { useEntry } from '../../features/waitlist/use-waitlist';
import { useLanguage } from '../../i18n/i18n';
import { formatDate, formatDateTime } from '../../lib/format';

/**
 * A waitlist entry, opened by the link in the joining message (or just after joining): where
 * the person stands, what they asked for, any offer standing, and a way to leave.
 */
export function WaitlistEntryPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const search = useSearch({ strict: false }) as { joined?: boolean };
  const [token] = useState(() => takeWaitlistToken('entry'));
  const entry = useEntry(token);
  const services = useServices();
  const centres = useCentres();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const joined = search.joined === true;
  const title = joined ? t('waitlist.entry.joinedTitle') : t('waitlist.entry.title');
  usePageTitle(entry.isError || !token ? t('waitlist.entry.notFound') : title);

  if (!token || entry.isError) {
    return (
      <Stack gap="md" align="flex-start">
        <Title order={1}>{t('waitlist.entry.notFound')}</Title>
        <Text>{t('waitlist.entry.useLink')}</Text>
      </Stack>
    );
  }
  if (!entry.data) return <Loading query={entry} />;
  const e = entry.data;
  const service = services.data?.find((s) => s.id === e.serviceId);
  const names = e.centreIds
    .map((id) => centres.data?.find((c) => c.id === id)?.name[language])
    .filter(Boolean)
    .join(t('list.separator'));
  const zoneOf = (id: string) => centres.data?.find((c) => c.id === id)?.timeZone ?? 'UTC';
  const stillOn = e.status === 'waiting' || e.status === 'offered';
  const leave = async () => {
    try {
      queryClient.setQueryData(['waitlist-entry', token], await leaveWaitlist(token));
      setConfirming(false);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Stack gap="xl" maw="44rem">
      {joined && e.status === 'waiting' ? (
        <Paper p="xl" radius="md" bg="teal.9" c="white" data-testid="waitlist-joined">
          <Title order={1} c="white">
            {title}
          </Title>
          <Text mt="sm">{t('waitlist.entry.joinedBody')}</Text>
        </Paper>
      ) : (
        <Title order={1}>{title}</Title>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Text size="lg" data-testid="waitlist-status">
        {e.status === 'waiting' && e.position !== null
          ? t('waitlist.entry.position', { count: e.position })
          : t(`waitlist.status.${e.status}`)}
      </Text>
      {e.status === 'offered' && e.offer && (
        <Alert
          color="teal.9"
          variant="outline"
          title={t('waitlist.entry.offerTitle')}
          data-testid="entry-offer"
        >
          {t('waitlist.entry.offerBody', {
            when: formatDateTime(e.offer.start, zoneOf(e.offer.centreId), language),
            until: formatDateTime(e.offer.expiresAt, zoneOf(e.offer.centreId), language),
          })}
        </Alert>
      )}
      {e.status === 'booked' && e.bookingReference && (
        <RouterAnchor to="/manage/$reference" params={{ reference: e.bookingReference }}>
          {t('waitlist.entry.openBooking')}
        </RouterAnchor>
      )}
      <SummaryList
        rows={[
          { key: 'service', label: t('waitlist.entry.service'), value: service?.name[language] ?? '' },
          { key: 'centres', label: t('waitlist.join.centres'), value: names },
          {
            key: 'dates',
            label: t('waitlist.entry.dates'),
            value: t('waitlist.entry.range', {
              from: formatDate(e.from, language),
              to: formatDate(e.to, language),
            }),
          },
          {
            key: 'times',
            label: t('waitlist.join.times'),
            value: e.timesOfDay.map((p) => t(`waitlist.parts.${p}`)).join(t('list.separator')),
          },
          { key: 'name', label: t('book.details.name'), value: e.customer.name },
        ]}
      />
      {stillOn &&
        (confirming ? (
          <Stack gap="sm" align="flex-start">
            <Text>{t('waitlist.entry.leaveQuestion')}</Text>
            <Group>
              <Button color="red" onClick={() => void leave()} data-testid="leave-confirm">
                {t('waitlist.entry.leaveConfirm')}
              </Button>
              <Button variant="outline" onClick={() => setConfirming(false)}>
                {t('waitlist.entry.stay')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <div>
            <Button variant="outline" color="red" onClick={() => setConfirming(true)} data-testid="leave">
              {t('waitlist.entry.leave')}
            </Button>
          </div>
        ))}
    </Stack>
  );
}
