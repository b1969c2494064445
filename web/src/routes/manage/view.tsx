import { Alert, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { formatReference } from '@mawaeed/core/booking/reference';
import { Navigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../components/back-link';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { RouterAnchor, RouterButton } from '../../components/router-link';
import { BookingSummary } from '../../features/booking/booking-summary';
import { CalendarLinks } from '../../features/booking/calendar-links';
import { useErrorText } from '../../features/booking/error-text';
import { QrCode } from '../../features/booking/qr-code';
import { useServices } from '../../features/catalogue/use-catalogue';
import { useCentres } from '../../features/catalogue/use-centres';
import { takeTokenFromLocation, tokenFor } from '../../features/manage/manage-token';
import { useBooking } from '../../features/manage/use-booking';

export function ManageViewPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { reference } = useParams({ strict: false }) as { reference: string };
  const search = useSearch({ strict: false }) as { done?: string };
  // Read the fragment once, before the first fetch.
  const [token] = useState(() => {
    takeTokenFromLocation(reference);
    return tokenFor(reference);
  });
  const booking = useBooking(reference, token);
  const centres = useCentres();
  const services = useServices();
  usePageTitle(t('manage.view.title'));

  if (!token) return <Navigate to="/manage" />;
  if (booking.isError) {
    return (
      <Stack gap="md" align="flex-start">
        <Title order={1}>{t('manage.view.notFound')}</Title>
        <Text>{errorText(booking.error)}</Text>
        <RouterAnchor to="/manage">{t('manage.find.title')}</RouterAnchor>
      </Stack>
    );
  }
  const centre = centres.data?.find((c) => c.id === booking.data?.centreId);
  const service = services.data?.find((s) => s.id === booking.data?.serviceId);
  if (!booking.data || !centre || !service) return <Loading query={booking} />;
  const b = booking.data;
  const changeable = b.status === 'confirmed';
  return (
    <Stack gap="xl" maw="44rem">
      <BackLink to="/">{t('notFound.home')}</BackLink>
      {search.done === 'rescheduled' && (
        <Alert
          color="teal.9"
          variant="outline"
          role="status"
          title={t('manage.view.rescheduled')}
          data-testid="done"
        />
      )}
      {search.done === 'cancelled' && (
        <Alert
          color="teal.9"
          variant="outline"
          role="status"
          title={t('manage.view.cancelled')}
          data-testid="done"
        />
      )}
      <Stack gap="xs">
        <Title order={1}>{t('manage.view.title')}</Title>
        <Group gap="sm">
          <Text size="lg">
            {t('confirmation.reference')}:{' '}
            <strong data-testid="reference">
              <Ltr>{formatReference(b.reference)}</Ltr>
            </strong>
          </Text>
          <Badge color={changeable ? 'teal.9' : 'gray.8'} variant="filled" data-testid="status">
            {t(`status.${b.status}`)}
          </Badge>
        </Group>
      </Stack>
      {changeable && (
        <QrCode
          value={b.reference}
          label={t('confirmation.qrLabel', { reference: formatReference(b.reference) })}
        />
      )}
      <BookingSummary booking={b} centre={centre} service={service} />
      {changeable && (
        <>
          <Stack gap="xs">
            <Title order={2} size="h3">
              {t('confirmation.calendar')}
            </Title>
            <CalendarLinks booking={b} token={token} centre={centre} service={service} />
          </Stack>
          <Group gap="md">
            <RouterButton to="/manage/$reference/reschedule" params={{ reference }} data-testid="reschedule">
              {t('manage.view.reschedule')}
            </RouterButton>
            <RouterButton
              to="/manage/$reference/cancel"
              params={{ reference }}
              variant="outline"
              data-testid="cancel"
            >
              {t('manage.view.cancel')}
            </RouterButton>
          </Group>
        </>
      )}
      {!changeable && <RouterAnchor to="/book/service">{t('home.start')}</RouterAnchor>}
    </Stack>
  );
}
