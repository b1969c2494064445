import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Booking } from '../../api/bookings';
import type { Centre, Service } from '../../api/catalogue';
import { SummaryList } from '../../components/summary-list';
import { TimeRange } from '../../components/time-text';
import { useLanguage } from '../../i18n/i18n';
import { formatDate, formatHijriDate, formatTime, localDateOf } from '../../lib/format';
import { mapLink } from '../../lib/maps';
import { zoneName } from '../../lib/time-zone';

/** Minutes before the start to arrive: time to check in at the kiosk. */
export const ARRIVE_MINUTES_BEFORE = 10;

/** What, where and when of a booking, with the documents to bring: the confirmation and manage pages share it. */
export function BookingSummary({
  booking,
  centre,
  service,
}: {
  booking: Booking;
  centre: Centre;
  service: Service;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const date = localDateOf(booking.start, centre.timeZone);
  const zone = zoneName(centre.timeZone, language);
  const arrive = new Date(Date.parse(booking.start) - ARRIVE_MINUTES_BEFORE * 60_000);
  return (
    <Stack gap="lg">
      <SummaryList
        rows={[
          { key: 'service', label: t('book.check.service'), value: service.name[language] },
          {
            key: 'centre',
            label: t('book.check.centre'),
            value: (
              <>
                {centre.name[language]}
                <br />
                {centre.address[language]}
                <br />
                <Anchor href={mapLink(centre.location)} target="_blank" rel="noopener noreferrer">
                  {t('centres.map', { name: centre.name[language] })}
                </Anchor>
              </>
            ),
          },
          {
            key: 'date',
            label: t('book.check.date'),
            value: (
              <>
                {formatDate(date, language)}
                {language === 'ar' && (
                  <>
                    <br />
                    <span data-testid="hijri">{formatHijriDate(date)}</span>
                  </>
                )}
              </>
            ),
          },
          {
            key: 'time',
            label: t('book.check.time'),
            value: (
              <>
                <TimeRange
                  from={formatTime(booking.start, centre.timeZone, language)}
                  to={formatTime(booking.end, centre.timeZone, language)}
                />{' '}
                {zone}
              </>
            ),
          },
          {
            key: 'arrive',
            label: t('confirmation.arrive'),
            value: t('confirmation.arriveBody', {
              time: formatTime(arrive, centre.timeZone, language),
              minutes: ARRIVE_MINUTES_BEFORE,
              zone,
            }),
          },
        ]}
      />
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('confirmation.documents')}
        </Title>
        {service.documents[language].length > 0 ? (
          <List data-testid="documents">
            {service.documents[language].map((d) => (
              <List.Item key={d}>{d}</List.Item>
            ))}
          </List>
        ) : (
          <Text>{t('confirmation.noDocuments')}</Text>
        )}
      </Stack>
    </Stack>
  );
}
