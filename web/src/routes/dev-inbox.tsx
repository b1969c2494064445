import { Alert, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { Loading } from '../components/loading';
import { usePageTitle } from '../components/page-title';
import { MessageCard } from '../features/dev-inbox/message-card';
import { INBOX_REFRESH_MS, useDevInbox } from '../features/dev-inbox/use-dev-inbox';

/**
 * The developer inbox: what `npm start` would have sent by SMS and e-mail (one-time codes,
 * confirmations), so a newcomer can follow a whole journey without a phone.
 */
export function DevInboxPage() {
  const { t } = useTranslation();
  const inbox = useDevInbox();
  usePageTitle(t('devInbox.title'));
  // A 404 means the server sends for real (MAWAEED_MESSAGES_TRANSPORT=live): say so, do not retry.
  const off = inbox.error instanceof ApiError && inbox.error.status === 404;
  return (
    <Stack gap="lg" maw="48rem">
      <Title order={1}>{t('devInbox.title')}</Title>
      <Text>{t('devInbox.intro', { seconds: INBOX_REFRESH_MS / 1000 })}</Text>
      {off ? (
        <Alert color="gray" variant="outline" title={t('devInbox.offTitle')} data-testid="dev-inbox-off">
          {t('devInbox.offBody')}
        </Alert>
      ) : !inbox.data ? (
        <Loading query={inbox} />
      ) : inbox.data.length === 0 ? (
        <Text data-testid="dev-inbox-empty">{t('devInbox.empty')}</Text>
      ) : (
        <Stack gap="md" data-testid="dev-inbox">
          {inbox.data.map((message) => (
            <MessageCard key={message.id} message={message} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
