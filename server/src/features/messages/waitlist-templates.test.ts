import { describe, expect, it } from 'vitest';
import { measureSms } from './sms-segments';
import { renderWaitlistJoined, renderWaitlistOffer } from './waitlist-templates';

const token = 'x'.repeat(43);
const offer = {
  serviceName: { en: 'Lost or damaged passport', ar: 'بدل فاقد أو تالف لجواز السفر' },
  centreName: { en: 'Muharraq Service Centre', ar: 'مركز خدمات المحرق' },
  startsAt: new Date('2026-12-01T06:00:00Z'),
  timeZone: 'Asia/Bahrain',
  expiresAt: new Date('2026-11-29T06:30:00Z'),
  link: `https://mawaeed.example.bh/waitlist/offer#token=${token}`,
};

describe('waitlist messages', () => {
  it.each(['en', 'ar'] as const)(
    'the offer in %s names the service, the time to accept by and the link',
    (language) => {
      const { sms, email } = renderWaitlistOffer(language, offer);
      expect(sms).toContain(offer.link);
      expect(sms).toContain(offer.serviceName[language]);
      expect(sms).toMatch(language === 'en' ? /Accept by 9:30/ : /قبل/);
      expect(email.text).toContain(offer.centreName[language]);
      // Long Arabic service names cannot always fit two parts with a full link; three at most.
      expect(measureSms(sms).segments).toBeLessThanOrEqual(language === 'en' ? 2 : 3);
    },
  );

  it('the joining message carries the entry link and never a CPR', () => {
    const { sms } = renderWaitlistJoined('en', {
      serviceName: offer.serviceName,
      link: `https://mawaeed.example.bh/waitlist/entry#token=${token}`,
    });
    expect(sms).toContain('/waitlist/entry#token=');
    expect(sms).not.toMatch(/\d{9}/);
  });
});
