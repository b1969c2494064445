import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatReference } from '@mawaeed/core/booking/reference';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingCreated } from '../../api/bookings';
import { acceptOffer, declineOffer } from '../../api/waitlist';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { RouterButton } from '../../components/router-link';
import { TimeText } from '../../components/time-text';
import { useErrorText } from '../../features/booking/error-text';
import { useServices } from '../../features/catalogue/use-catalogue';
import { useCentres } from '../../features/catalogue/use-centres';
import { rememberToken } from '../../features/manage/manage-token';
import { takeWaitlistToken } from '../../features/waitlist/tokens';
import { useOffer } from '../../features/waitlist/use-waitlist';
import { useLanguage } from '../../i18n/i18n';
import { formatDate, formatTime, localDateOf } from '../../lib/format';

/** Minutes and seconds left, counted down from the server's answer (not the device's clock). */
function useSecondsLeft(initial: number | undefined) {
  const [left, setLeft] = useState(initial ?? 0);
  useEffect(() => {
    if (initial === undefined) return;
    const started = Date.now();
    setLeft(initial);
    const timer = setInterval(
      () => setLeft(Math.max(0, initial - Math.floor((Date.now() - started) / 1000))),
      1000,
    );
    return () => clearInterval(timer);
  }, [initial]);
  return left;
}

/**
 * The seat offered from the waitlist, opened by the link in the offer message: what and when,
 * the time left to accept, and Accept / Decline. Accepting books it like any booking.
 */
export function WaitlistOfferPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const [token] = useState(() => takeWaitlistToken('offer'));
  const offer = useOffer(token);
  const services = useServices();
  const centres = useCentres();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [booked, setBooked] = useState<BookingCreated>();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const secondsLeft = useSecondsLeft(offer.data?.secondsLeft);
  const title = booked ? t('waitlist.offer.bookedTitle') : t('waitlist.offer.title');
  usePageTitle(!token || offer.isError ? t('waitlist.offer.notFound') : title);

  if (!token || offer.isError) {
    return (
      <Stack gap="md" align="flex-start">
        <Title order={1}>{t('waitlist.offer.notFound')}</Title>
        <Text>{t('waitlist.entry.useLink')}</Text>
      </Stack>
    );
  }
  if (!offer.data) return <Loading query={offer} />;
  const o = offer.data;
  const centre = centres.data?.find((c) => c.id === o.centreId);
  const service = services.data?.find((s) => s.id === o.serviceId);
  const zone = centre?.timeZone ?? 'UTC';
  const stands = o.status === 'offered' && secondsLeft > 0;

  const act = async (what: 'accept' | 'decline') => {
    setBusy(true);
    setError(undefined);
    try {
      if (what === 'accept') {
        const made = await acceptOffer(token, idempotencyKey);
        rememberToken(made.reference, made.manageToken);
        setBooked(made);
      } else {
        queryClient.setQueryData(['waitlist-offer', token], await declineOffer(token));
      }
    } catch (err) {
      setError(errorText(err));
      void offer.refetch();
    } finally {
      setBusy(false);
    }
  };

  const when = (
    <Text size="lg" fw={700} data-testid="offer-when">
      {formatDate(localDateOf(o.start, zone), language)}
      {t('list.separator')}
      <TimeText>{formatTime(o.start, zone, language)}</TimeText>
    </Text>
  );

  if (booked) {
    return (
      <Stack gap="xl" maw="44rem">
        <Paper p="xl" radius="md" bg="teal.9" c="white" data-testid="offer-booked">
          <Title order={1} c="white">
            {title}
          </Title>
          <Text mt="sm">{t('waitlist.offer.reference')}</Text>
          <Text size="xl" fw={700}>
            <Ltr>{formatReference(booked.reference)}</Ltr>
          </Text>
        </Paper>
        {when}
        <div>
          <RouterButton
            to="/manage/$reference"
            params={{ reference: booked.reference }}
            data-testid="open-booking"
          >
            {t('waitlist.offer.openBooking')}
          </RouterButton>
        </div>
      </Stack>
    );
  }

  const minutes = Math.floor(secondsLeft / 60);
  const seconds = String(secondsLeft % 60).padStart(2, '0');
  return (
    <Stack gap="lg" maw="44rem">
      <Title order={1}>{title}</Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Text>
        {t('waitlist.offer.intro', {
          service: service?.name[language] ?? '',
          centre: centre?.name[language] ?? '',
        })}
      </Text>
      {when}
      {stands && <Text>{t('waitlist.offer.held')}</Text>}
      {stands ? (
        <Text role="timer" aria-live="off" data-testid="offer-left">
          {t('waitlist.offer.left')}{' '}
          <Ltr>
            {minutes}:{seconds}
          </Ltr>
        </Text>
      ) : (
        <Alert color="gray" variant="outline" data-testid="offer-closed">
          {t(`waitlist.offer.status.${o.status === 'offered' ? 'expired' : o.status}`)}
        </Alert>
      )}
      {stands && (
        <Group>
          <Button size="md" loading={busy} onClick={() => void act('accept')} data-testid="offer-accept">
            {t('waitlist.offer.accept')}
          </Button>
          <Button
            size="md"
            variant="outline"
            disabled={busy}
            onClick={() => void act('decline')}
            data-testid="offer-decline"
          >
            {t('waitlist.offer.decline')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
