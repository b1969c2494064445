import { formatReference } from '@mawaeed/core/booking/reference';
import ical, { ICalAlarmType } from 'ical-generator';
import type { CentreRow, ServiceRow } from '../catalogue/repository';
import type { BookingRow } from './repository';

const TEXT = {
  en: {
    reference: 'Booking reference',
    bring: 'Please bring',
    arrive: 'Arrive 10 minutes early and check in at the kiosk.',
    manage: 'Manage your booking',
  },
  ar: {
    reference: 'رقم الحجز',
    bring: 'يرجى إحضار',
    arrive: 'يرجى الحضور قبل ١٠ دقائق وتسجيل الوصول عند الجهاز.',
    manage: 'إدارة الحجز',
  },
};

/**
 * The booking as an iCalendar file (RFC 5545), in the booking's language. Times are written in
 * UTC, which every calendar converts to the reader's zone. The manage token is not included: a
 * calendar entry is often shared, the token must not be.
 */
export function renderCalendar(input: {
  booking: Pick<BookingRow, 'reference' | 'language' | 'startsAt' | 'endsAt'>;
  centre: CentreRow;
  service: ServiceRow;
  publicUrl: string;
  now: Date;
}): string {
  const { booking, centre, service } = input;
  const lang = booking.language;
  const text = TEXT[lang];
  const calendar = ical({
    prodId: { company: 'Mawaeed', product: 'Bookings', language: lang.toUpperCase() },
  });
  calendar.createEvent({
    id: `${booking.reference}@mawaeed`,
    start: booking.startsAt,
    end: booking.endsAt,
    stamp: input.now,
    summary: `${service.name[lang]} — ${centre.name[lang]}`,
    description: [
      `${text.reference}: ${formatReference(booking.reference)}`,
      `${text.bring}: ${service.documents[lang].join(', ')}`,
      text.arrive,
      `${text.manage}: ${input.publicUrl}/manage`,
    ].join('\n'),
    location: {
      title: centre.name[lang],
      address: centre.address[lang],
      geo: { lat: centre.lat, lon: centre.lng },
    },
    url: `${input.publicUrl}/manage`,
    alarms: [{ type: ICalAlarmType.display, triggerBefore: 2 * 60 * 60, description: service.name[lang] }],
  });
  return calendar.toString();
}
