import { describe, expect, it } from 'vitest';
import { measureSms } from './sms-segments';
import {
  type BookingFacts,
  type BookingMessageKind,
  renderBookingMessage,
  renderClosureNotice,
  renderSurveyInvitation,
  renderVerificationCode,
} from './templates';

// The longest centre name of the demo data, a long public address and a real-length token.
const publicUrl = 'https://mawaeed.services.gov.bh';
const manageToken = 'x'.repeat(43);
const centreName = {
  en: 'Customs Office, Khalifa Bin Salman Port',
  ar: 'مكتب الجمارك بميناء خليفة بن سلمان',
};
const serviceName = { en: 'Passport renewal', ar: 'تجديد جواز السفر' };
const at = new Date('2026-12-01T05:30:00Z');
const bahrain: BookingFacts = {
  reference: 'ABCD2345',
  centreName,
  serviceName,
  startsAt: at,
  timeZone: 'Asia/Bahrain',
};
const london: BookingFacts = {
  ...bahrain,
  centreName: { en: 'London Office', ar: 'مكتب لندن' },
  timeZone: 'Europe/London',
};
const kinds: BookingMessageKind[] = ['confirmation', 'reschedule', 'cancellation', 'reminder'];

describe('booking messages', () => {
  it.each(kinds)('%s: the grouped reference and the centre’s local time, in English', (kind) => {
    const m = renderBookingMessage(kind, 'en', bahrain, { publicUrl, manageToken });
    expect(m.sms).toContain('ABCD-2345');
    expect(m.sms).toContain('Tue 1 Dec 2026, 8:30am');
    expect(m.email.text).toContain(centreName.en);
    expect(m.email.subject).toContain('ABCD-2345');
    const other = renderBookingMessage(kind, 'en', london, { publicUrl, manageToken });
    expect(other.sms).toContain('Tue 1 Dec 2026, 5:30am');
    expect(other.sms).toContain('London Office');
  });

  it.each(kinds)('%s: the same in Arabic, with Arabic month names and Latin digits', (kind) => {
    const m = renderBookingMessage(kind, 'ar', bahrain, { publicUrl, manageToken });
    expect(m.sms).toContain('ABCD-2345');
    // The SMS may shorten the date to fit two parts; the e-mail always has it whole.
    expect(m.sms).toContain('1 ديسمبر');
    expect(m.sms).toContain('8:30 ص');
    expect(m.email.text).toContain('الثلاثاء 1 ديسمبر 2026، 8:30 ص');
    expect(m.email.text).toContain(centreName.ar);
    const other = renderBookingMessage(kind, 'ar', london, { publicUrl, manageToken });
    expect(other.sms).toContain('5:30 ص');
    expect(other.email.text).toContain('الثلاثاء 1 ديسمبر 2026، 5:30 ص');
  });

  it('writes the whole date and the centre in an Arabic SMS when the address is short', () => {
    const short = { ...bahrain, centreName: { en: 'Sitra Service Centre', ar: 'مركز خدمات سترة' } };
    const { sms } = renderBookingMessage('cancellation', 'ar', short, { publicUrl: 'https://mawaeed.bh' });
    expect(sms).toBe(
      'مواعيد: أُلغي الحجز ABCD-2345، الثلاثاء 1 ديسمبر 2026، 8:30 ص، مركز خدمات سترة. للحجز مجدداً: https://mawaeed.bh',
    );
  });

  it.each(
    kinds.flatMap(
      (k) =>
        [
          [k, 'en'],
          [k, 'ar'],
        ] as const,
    ),
  )('%s (%s) fits in two SMS parts even with the longest names', (kind, language) => {
    for (const facts of [bahrain, london]) {
      const { sms } = renderBookingMessage(kind, language, facts, { publicUrl, manageToken });
      expect(measureSms(sms).segments).toBeLessThanOrEqual(2);
    }
  });

  it('puts the manage link with its token in the confirmation only', () => {
    const link = `${publicUrl}/manage/ABCD2345#token=${manageToken}`;
    expect(renderBookingMessage('confirmation', 'ar', bahrain, { publicUrl, manageToken }).sms).toContain(
      link,
    );
    expect(
      renderBookingMessage('confirmation', 'en', bahrain, { publicUrl, manageToken }).email.text,
    ).toContain(link);
    for (const kind of ['reschedule', 'reminder'] as const) {
      const m = renderBookingMessage(kind, 'en', bahrain, { publicUrl, manageToken });
      expect(m.sms).toContain(`${publicUrl}/manage`);
      expect(m.sms).not.toContain(manageToken);
    }
  });

  it('keeps the centre in the SMS when it fits, and drops it only when it does not', () => {
    const short = { ...bahrain, centreName: { en: 'Sitra Service Centre', ar: 'مركز خدمات سترة' } };
    expect(renderBookingMessage('reminder', 'ar', short, { publicUrl: 'https://mawaeed.bh' }).sms).toContain(
      'مركز خدمات سترة',
    );
    expect(renderBookingMessage('confirmation', 'en', bahrain, { publicUrl, manageToken }).sms).toContain(
      centreName.en,
    );
  });
});

describe('other messages', () => {
  it.each(['en', 'ar'] as const)(
    'closure of a booked day (%s) names the day in the centre’s calendar',
    (language) => {
      const m = renderClosureNotice(language, bahrain, { publicUrl, date: '2026-12-01' });
      expect(m.sms).toContain(language === 'en' ? 'Tue 1 Dec 2026' : '1 ديسمبر');
      expect(m.email.text).toContain(language === 'en' ? 'Tue 1 Dec 2026' : 'الثلاثاء 1 ديسمبر 2026');
      expect(m.sms).toContain('ABCD-2345');
      expect(m.sms).toContain(`${publicUrl}/manage`);
      expect(measureSms(m.sms).segments).toBeLessThanOrEqual(2);
    },
  );

  it.each(['en', 'ar'] as const)('survey invitation (%s) carries the link it is given', (language) => {
    const link = `${publicUrl}/feedback/${'y'.repeat(43)}`;
    const m = renderSurveyInvitation(language, { centreName, link });
    expect(m.sms).toContain(link);
    expect(measureSms(m.sms).segments).toBeLessThanOrEqual(2);
  });

  it.each(['en', 'ar'] as const)(
    'one-time code (%s) fits one part and ends with the WebOTP line',
    (language) => {
      const sms = renderVerificationCode(language, { code: '123456', publicUrl });
      expect(sms.endsWith('@mawaeed.services.gov.bh #123456')).toBe(true);
      expect(measureSms(sms).segments).toBe(language === 'en' ? 1 : 2);
    },
  );
});
