import { Anchor, Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Booking, downloadCalendar } from '../../api/bookings';
import type { Centre, Service } from '../../api/catalogue';
import { useLanguage } from '../../i18n/i18n';
import { compactUtc } from '../../lib/format';
import { useErrorText } from './error-text';

/** Add to calendar: the server's .ics (fetched with the token) and a Google Calendar link. */
export function CalendarLinks({
  booking,
  token,
  centre,
  service,
}: {
  booking: Booking;
  token: string;
  centre: Centre;
  service: Service;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const [error, setError] = useState<string>();
  const google = new URL('https://calendar.google.com/calendar/render');
  google.searchParams.set('action', 'TEMPLATE');
  google.searchParams.set('text', `${service.name[language]} – ${centre.name[language]}`);
  google.searchParams.set('dates', `${compactUtc(booking.start)}/${compactUtc(booking.end)}`);
  google.searchParams.set('location', `${centre.name[language]}, ${centre.address[language]}`);
  google.searchParams.set('details', `${t('confirmation.reference')}: ${booking.reference}`);
  return (
    <Group gap="md" wrap="wrap">
      <Button
        variant="outline"
        data-testid="ics"
        onClick={() => {
          setError(undefined);
          downloadCalendar(booking.reference, token).catch((err: unknown) => setError(errorText(err)));
        }}
      >
        {t('confirmation.ics')}
      </Button>
      <Anchor
        href={google.toString()}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="google-calendar"
      >
        {t('confirmation.google')}
      </Anchor>
      {error && (
        <span role="alert" style={{ color: 'var(--mantine-color-red-8)' }}>
          {error}
        </span>
      )}
    </Group>
  );
}
