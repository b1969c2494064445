import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatReference } from '@mawaeed/core/booking/reference';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { RouterAnchor, RouterButton } from '../../components/router-link';
import { BookingSummary } from '../../features/booking/booking-summary';
import { CalendarLinks } from '../../features/booking/calendar-links';
import { QrCode } from '../../features/booking/qr-code';
import { lastBooking } from '../../features/booking/wizard-store';
import classes from './confirmation.module.css';

/** The manage link: the token rides in the fragment, which browsers never send to the server. */
export function manageLink(reference: string, token: string): string {
  return `${window.location.origin}/manage/${reference}#token=${encodeURIComponent(token)}`;
}

/**
 * The booking just made, read from this device's storage, so it shows again offline (the app
 * shell is cached by the service worker) and after Back or Refresh.
 */
export function BookConfirmationPage() {
  const { t } = useTranslation();
  const saved = lastBooking();
  usePageTitle(saved ? t('confirmation.title') : t('confirmation.noneTitle'));
  if (!saved) {
    return (
      <Stack gap="md" align="flex-start">
        <Title order={1}>{t('confirmation.noneTitle')}</Title>
        <Text>{t('confirmation.noneBody')}</Text>
        <RouterAnchor to="/manage">{t('footer.manage')}</RouterAnchor>
      </Stack>
    );
  }
  const { booking, centre, service } = saved;
  const reference = formatReference(booking.reference);
  const link = manageLink(booking.reference, booking.manageToken);
  return (
    <Stack gap="xl" maw="44rem">
      <Paper className={classes.panel} p="xl" radius="md">
        <Title order={1} c="white">
          {t('confirmation.title')}
        </Title>
        <Text c="white" size="lg" mt="md">
          {t('confirmation.reference')}
        </Text>
        <Text c="white" className={classes.reference} data-testid="reference">
          <Ltr>{reference}</Ltr>
        </Text>
      </Paper>
      <Group gap="lg" align="center" wrap="wrap">
        <QrCode value={booking.reference} label={t('confirmation.qrLabel', { reference })} />
        <Text maw="24rem">{t('confirmation.qrHint')}</Text>
      </Group>
      <Text>{t('confirmation.sent')}</Text>
      <BookingSummary booking={booking} centre={centre} service={service} />
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('confirmation.calendar')}
        </Title>
        <CalendarLinks booking={booking} token={booking.manageToken} centre={centre} service={service} />
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('confirmation.next')}
        </Title>
        <Text>{t('confirmation.nextBody')}</Text>
        <Text>{t('confirmation.manageHint')}</Text>
        <Anchor href={link} data-testid="manage-link" className={classes.link}>
          {t('confirmation.manage')}
        </Anchor>
      </Stack>
      <div>
        <RouterButton to="/" variant="subtle">
          {t('notFound.home')}
        </RouterButton>
      </div>
    </Stack>
  );
}
