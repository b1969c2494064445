import type { Bilingual, Language } from '@mawaeed/core/contracts/common';
import { formatTimeForPeople, formatWhenForPeople } from '@mawaeed/core/time/human';
import { toZoned } from '@mawaeed/core/time/local';
import { fitSms } from './sms-segments';
import type { Rendered } from './templates';

/**
 * Waitlist messages: the link to the entry when joining, and an offer of a freed seat with the
 * time it stands until. No CPR; the tokens in the links reach only their owner's mobile or e-mail.
 */
const WORDS = {
  en: {
    brand: 'Mawaeed',
    joined: (service: string) =>
      `you are on the waitlist for ${service}. We will message you when a place frees up`,
    see: 'See or leave',
    offer: (service: string, when: string) => `a place is free for ${service}, ${when}`,
    until: (time: string) => `Accept by ${time}`,
    subjectJoined: 'You are on the waitlist',
    subjectOffer: 'A place is free for you',
  },
  ar: {
    brand: 'مواعيد',
    joined: (service: string) => `تم تسجيلك في قائمة الانتظار لخدمة ${service}. سنراسلك عند توفر موعد`,
    see: 'للعرض أو الانسحاب',
    offer: (service: string, when: string) => `توفر موعد لخدمة ${service}، ${when}`,
    until: (time: string) => `اقبله قبل ${time}`,
    subjectJoined: 'تم تسجيلك في قائمة الانتظار',
    subjectOffer: 'توفر موعد لك',
  },
} as const;

export function renderWaitlistJoined(
  language: Language,
  input: { serviceName: Bilingual; link: string },
): Rendered {
  const w = WORDS[language];
  const body = `${w.joined(input.serviceName[language])}. ${w.see}: ${input.link}`;
  return {
    sms: fitSms([`${w.brand}: ${body}`, body]),
    email: { subject: w.subjectJoined, text: body },
  };
}

export function renderWaitlistOffer(
  language: Language,
  input: {
    serviceName: Bilingual;
    centreName: Bilingual;
    startsAt: Date;
    timeZone: string;
    expiresAt: Date;
    link: string;
  },
): Rendered {
  const w = WORDS[language];
  const service = input.serviceName[language];
  const until = w.until(formatTimeForPeople(toZoned(input.expiresAt, input.timeZone).time, language));
  const when = (short: boolean) => formatWhenForPeople(input.startsAt, input.timeZone, language, { short });
  const centre = input.centreName[language];
  return {
    sms: fitSms([
      `${w.brand}: ${w.offer(service, when(false))}, ${centre}. ${until}: ${input.link}`,
      `${w.offer(service, when(true))}, ${centre}. ${until}: ${input.link}`,
      `${w.offer(service, when(true))}. ${until}: ${input.link}`,
    ]),
    email: {
      subject: w.subjectOffer,
      text: `${w.offer(service, when(false))}, ${centre}.\n\n${until}: ${input.link}`,
    },
  };
}
