import { Alert, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { formatReference } from '@mawaeed/core/booking/reference';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { TimeText } from '../../components/time-text';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentres } from '../api/centres';
import { type MessageFilter, type StaffMessage, useMessages, useRetryMessage } from '../api/people';
import { problemText } from './problem-text';
import { ColumnHeads, ScrollRegion } from './scroll-region';
import { formatWhen } from './when';

const STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;

/** Messages owed to people, with why one failed and a way to send it again. */
export function MessagesPage() {
  const { t, i18n } = useTranslation('staff');
  const language = useLanguage();
  const [filter, setFilter] = useState<MessageFilter>({});
  const messages = useMessages(filter);
  const centres = useAdminCentres();
  const retry = useRetryMessage();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  usePageTitle(t('people.messages.title'));

  const kindOf = (kind: string) =>
    i18n.exists(`people.messages.kinds.${kind}`, { ns: 'staff' })
      ? t(`people.messages.kinds.${kind}` as 'people.messages.kinds.confirmation')
      : kind;

  // The value is read at once: the event's target is gone by the time a state updater runs.
  const choose = (key: keyof MessageFilter) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value || undefined;
    setFilter((f) => ({ ...f, [key]: value }));
  };

  const sendAgain = (m: StaffMessage) => {
    setNotice(null);
    retry.mutate(m.id, {
      onSuccess: () => setNotice({ ok: true, text: t('people.messages.retried') }),
      onError: (err) => setNotice({ ok: false, text: problemText(err, t) }),
    });
  };

  return (
    <Stack gap="md">
      <Title order={1}>{t('people.messages.title')}</Title>
      <Text>{t('people.messages.intro')}</Text>
      <Group align="flex-end" gap="md">
        <NativeSelect
          id="message-status"
          label={t('people.messages.status')}
          value={filter.status ?? ''}
          onChange={choose('status')}
          data={[
            { value: '', label: t('people.all') },
            ...STATUSES.map((s) => ({ value: s, label: t(`people.messages.statuses.${s}`) })),
          ]}
        />
        {(centres.data?.items.length ?? 0) > 1 && (
          <NativeSelect
            id="message-centre"
            label={t('people.centre')}
            value={filter.centreId ?? ''}
            onChange={choose('centreId')}
            data={[
              { value: '', label: t('people.all') },
              ...(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name[language] })),
            ]}
          />
        )}
      </Group>
      {notice && (
        <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </Alert>
      )}
      {!messages.data ? (
        <Loading query={messages} />
      ) : messages.data.items.length === 0 ? (
        <Text>{t('people.messages.none')}</Text>
      ) : (
        <ScrollRegion label={t('people.messages.title')} minWidth={960}>
          <Table data-testid="messages-table" verticalSpacing="xs">
            <ColumnHeads
              labels={[
                t('people.messages.created'),
                t('people.messages.kind'),
                t('people.messages.recipient'),
                t('people.messages.reference'),
                t('people.messages.status'),
                t('people.messages.attempts'),
                t('people.messages.nextTry'),
                t('people.messages.reason'),
                t('people.messages.actions'),
              ]}
            />
            <Table.Tbody>
              {messages.data.items.map((m) => (
                <Table.Tr key={m.id} data-testid="message-row">
                  <Table.Td>
                    <TimeText>{formatWhen(m.createdAt, language)}</TimeText>
                  </Table.Td>
                  <Table.Td>
                    {kindOf(m.kind)} · {t(`people.messages.channels.${m.channel}`)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Ltr>{m.recipient}</Ltr>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {m.reference ? <Ltr>{formatReference(m.reference)}</Ltr> : '—'}
                  </Table.Td>
                  <Table.Td data-testid="message-status">
                    {t(`people.messages.statuses.${m.status}`)}
                  </Table.Td>
                  <Table.Td>{m.attempts}</Table.Td>
                  <Table.Td>
                    {m.nextAttemptAt ? <TimeText>{formatWhen(m.nextAttemptAt, language)}</TimeText> : '—'}
                  </Table.Td>
                  <Table.Td data-testid="message-reason">
                    {m.lastError ? <Ltr>{m.lastError}</Ltr> : '—'}
                  </Table.Td>
                  <Table.Td>
                    {m.status === 'failed' && (
                      <Button
                        size="xs"
                        variant="outline"
                        loading={retry.isPending && retry.variables === m.id}
                        aria-label={t('people.messages.retryLabel', {
                          kind: kindOf(m.kind),
                          recipient: m.recipient,
                        })}
                        onClick={() => sendAgain(m)}
                      >
                        {t('people.messages.retry')}
                      </Button>
                    )}
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
