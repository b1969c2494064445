import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DevMessage } from '../../api/dev-inbox';
import { Ltr } from '../../components/ltr';
import { useLanguage } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format';
import type { Language } from '../../lib/language';
import { zoneName } from '../../lib/time-zone';
import classes from './message-card.module.css';

/** The inbox has no centre to go by: times are in Bahrain's zone, as every centre's is today. */
export const INBOX_TIME_ZONE = 'Asia/Bahrain';

/**
 * The language a message was written in. The inbox does not say, so it is read from the text:
 * any Arabic letter means Arabic. It also gives the body its `lang`, for screen readers.
 */
export function messageLanguage(message: Pick<DevMessage, 'subject' | 'text'>): Language {
  return /[\u0600-\u06ff]/.test(`${message.subject ?? ''}${message.text}`) ? 'ar' : 'en';
}

/** One delivered message; its text is shown as text (React escapes it), never parsed as HTML. */
export function MessageCard({ message }: { message: DevMessage }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const written = messageLanguage(message);
  const headingId = `message-${message.id}`;
  const channelName = t(`devInbox.channel.${message.channel}`);
  return (
    <Card
      component="article"
      withBorder
      padding="md"
      aria-labelledby={headingId}
      data-testid="dev-message"
      data-id={message.id}
    >
      <Stack gap="xs">
        {/* An SMS has no subject: its channel is its heading, and a badge would say it twice. */}
        {message.subject ? (
          <Title order={2} size="h4" id={headingId} lang={written}>
            {message.subject}
          </Title>
        ) : (
          <Title order={2} size="h4" id={headingId} data-testid="channel">
            {channelName}
          </Title>
        )}
        <Group gap="xs" wrap="wrap" className={classes.meta}>
          {message.subject && (
            <Badge variant="filled" color="indigo.9" tt="none" size="lg" data-testid="channel">
              {channelName}
            </Badge>
          )}
          <Text size="sm">
            {t('devInbox.to')} <Ltr>{message.to}</Ltr>
          </Text>
          <Text size="sm">
            {t('devInbox.language')} <span lang={written}>{t(`language.${written}`)}</span>
          </Text>
          <Text size="sm">
            <time dateTime={message.deliveredAt}>
              <bdi>{formatDateTime(message.deliveredAt, INBOX_TIME_ZONE, language)}</bdi>{' '}
              {zoneName(INBOX_TIME_ZONE, language)}
            </time>
          </Text>
        </Group>
        <Text className={classes.body} lang={written} dir="auto" data-testid="message-text">
          {message.text}
        </Text>
        {message.attachments.length > 0 && (
          <Text size="sm">
            {t('devInbox.attachments')}{' '}
            {message.attachments.map((a, i) => (
              <span key={a.filename}>
                {i > 0 && t('list.separator')}
                <Ltr>{a.filename}</Ltr>
              </span>
            ))}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
