import type { IssuedTicket } from '@mawaeed/core/contracts/hall';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format';
import { QrCode } from '../booking/qr-code';
import { BothLanguages } from './both-languages';
import classes from './printed-ticket.module.css';

/**
 * The ticket as it prints on 80 mm paper (and as it shows on screen before printing): the big
 * number, the service, the time, the people ahead, in Arabic and English, and the live page as a
 * QR code. Printed through the browser, so the system's text shaping joins the Arabic letters.
 */
export function PrintedTicket({
  ticket,
  centreName,
  timeZone,
}: {
  ticket: IssuedTicket;
  centreName: { en: string; ar: string };
  timeZone: string;
}) {
  const { t } = useTranslation();
  const both = (
    key: 'hall.ticket.issuedAt' | 'hall.ticket.peopleAhead' | 'hall.ticket.follow',
    options: (lng: 'ar' | 'en') => { time?: string; count?: number } = () => ({}),
  ) => (
    <BothLanguages
      className={classes.line}
      text={{ ar: t(key, { ...options('ar'), lng: 'ar' }), en: t(key, { ...options('en'), lng: 'en' }) }}
    />
  );
  return (
    <section
      className={`${classes.ticket} print-ticket`}
      data-testid="printed-ticket"
      aria-label={t('hall.ticket.label')}
    >
      <div className={classes.centre}>
        <BothLanguages text={centreName} />
      </div>
      <div className={classes.number} dir="ltr" data-testid="ticket-number">
        {ticket.number}
      </div>
      <div className={classes.service}>
        <BothLanguages text={ticket.serviceName} />
      </div>
      <div className={classes.row}>
        {both('hall.ticket.issuedAt', (lng) => ({ time: formatTime(ticket.issuedAt, timeZone, lng) }))}
      </div>
      {ticket.peopleAhead !== null && (
        <div className={classes.row} data-testid="people-ahead">
          {both('hall.ticket.peopleAhead', () => ({ count: ticket.peopleAhead ?? 0 }))}
        </div>
      )}
      <div className={classes.qr}>
        <QrCode value={ticket.liveUrl} label={t('hall.ticket.qr')} />
        {both('hall.ticket.follow')}
      </div>
    </section>
  );
}
