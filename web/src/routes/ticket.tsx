import { Alert, Card, Stack, Text, Title } from '@mantine/core';
import type { LiveTicket } from '@mawaeed/core/contracts/hall';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, getJson } from '../api/http';
import { Loading } from '../components/loading';
import { Ltr } from '../components/ltr';
import { usePageTitle } from '../components/page-title';
import { SummaryList } from '../components/summary-list';
import { useHallStream } from '../features/hall/use-hall-stream';
import { useLanguage } from '../i18n/i18n';
import classes from './ticket.module.css';

/**
 * The citizen's live ticket (the link printed on the ticket as a QR code): place in the queue,
 * people ahead, the estimated wait, and "you are being called to counter 4" once called. It asks
 * again whenever the centre's hall changes (its public events), and every `pollSeconds` besides.
 * The token in the address opens this ticket's public state only, nothing personal.
 */
export function TicketPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { token } = useParams({ strict: false }) as { token: string };
  const queryClient = useQueryClient();
  const key = ['live-ticket', token];
  const ticket = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => getJson<LiveTicket>(`/api/v1/tickets/${encodeURIComponent(token)}`, { signal }),
    refetchInterval: (q) => (q.state.data?.pollSeconds ?? 15) * 1000,
  });
  const done = ticket.data && ['served', 'no_show'].includes(ticket.data.status);
  useHallStream(done ? undefined : ticket.data?.centreId, {
    onEvent: (type) => {
      if (type !== 'snapshot') void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  usePageTitle(ticket.data ? `${ticket.data.number} – ${t('hall.live.title')}` : t('hall.live.title'));

  if (ticket.isError && ticket.error instanceof ApiError && ticket.error.status === 404) {
    return (
      <Stack>
        <Title order={1}>{t('hall.live.title')}</Title>
        <Text>{t('hall.live.notFound')}</Text>
      </Stack>
    );
  }
  if (!ticket.data) return <Loading query={ticket} />;
  const live = ticket.data;
  const called = live.counter && (live.status === 'called' || live.status === 'serving');

  return (
    <Stack gap="lg">
      <Title order={1}>{t('hall.live.title')}</Title>
      <Card withBorder padding="lg" className={classes.card}>
        <Text className={classes.number} data-testid="live-number">
          <Ltr>{live.number}</Ltr>
        </Text>
        <Text size="lg" fw={600} ta="center" data-testid="live-status">
          {t(`hall.live.status.${live.status}`)}
        </Text>
      </Card>
      <div aria-live="assertive">
        {called && live.counter && (
          <Alert color="teal.9" variant="filled" className={classes.called} data-testid="called-to">
            <Text className={classes.calledText}>
              {t('hall.live.calledTo', { counter: live.counter.number })}
            </Text>
            <Text>{t('hall.live.calledToHint')}</Text>
          </Alert>
        )}
      </div>
      <SummaryList
        rows={[
          ...(live.status === 'waiting'
            ? [
                {
                  key: 'position',
                  label: t('hall.live.position'),
                  value: <Ltr>{live.position ?? '—'}</Ltr>,
                },
                {
                  key: 'ahead',
                  label: t('hall.live.peopleAhead'),
                  value: <span data-testid="live-ahead">{live.peopleAhead ?? '—'}</span>,
                },
                {
                  key: 'estimate',
                  label: t('hall.live.estimate'),
                  value:
                    live.estimatedWaitMinutes === null
                      ? t('hall.live.noEstimate')
                      : t('hall.live.minutes', { count: live.estimatedWaitMinutes }),
                },
              ]
            : []),
          { key: 'service', label: t('hall.live.service'), value: live.serviceName[language] },
          { key: 'centre', label: t('hall.live.centre'), value: live.centreName[language] },
        ]}
      />
      <Text c="dimmed" size="sm">
        {t('hall.live.updates')}
      </Text>
    </Stack>
  );
}
