import { formatReference } from '@mawaeed/core/booking/reference';
import type { Bilingual, Language } from '@mawaeed/core/contracts/common';
import { formatDayForPeople, formatWhenForPeople } from '@mawaeed/core/time/human';
import { fitSms } from './sms-segments';

/**
 * Every message a person gets, in their language. SMS texts stay within two parts: when the full
 * text would not, a shorter variant drops the centre (the e-mail and the booking page keep it).
 * No CPR ever appears; the manage token only in the confirmation, which only its owner receives.
 */
export type BookingFacts = {
  reference: string;
  centreName: Bilingual;
  serviceName: Bilingual;
  startsAt: Date;
  timeZone: string;
};
export type Rendered = { sms: string; email: { subject: string; text: string } };
export type BookingMessageKind = 'confirmation' | 'reschedule' | 'cancellation' | 'reminder';

type Words = {
  brand: string;
  sep: string;
  booked: (ref: string) => string;
  bookedShort: (ref: string) => string;
  moved: (ref: string) => string;
  cancelled: (ref: string) => string;
  reminder: (ref: string) => string;
  manage: string;
  bookAgain: string;
  bring: string;
  closed: (centre: string, day: string) => string;
  chooseNew: (ref: string) => string;
  thanks: (centre: string) => string;
  rate: string;
  code: (code: string) => string;
  subjects: Record<BookingMessageKind | 'closure' | 'survey', (ref: string) => string>;
  service: string;
  when: string;
  centre: string;
};

const WORDS: Record<Language, Words> = {
  en: {
    brand: 'Mawaeed',
    sep: ', ',
    booked: (ref) => `booked ${ref}`,
    bookedShort: (ref) => `Booked ${ref}`,
    moved: (ref) => `${ref} moved to`,
    cancelled: (ref) => `booking ${ref} is cancelled`,
    reminder: (ref) => `reminder ${ref}`,
    manage: 'Manage',
    bookAgain: 'Book again',
    bring: 'Bring your CPR card.',
    closed: (centre, day) => `${centre} is closed on ${day}`,
    chooseNew: (ref) => `Please choose a new time for ${ref}`,
    thanks: (centre) => `thank you for visiting ${centre}`,
    rate: 'Rate your visit',
    code: (code) => `Mawaeed code: ${code}. Valid 5 minutes. Do not share it.`,
    subjects: {
      confirmation: (ref) => `Your booking ${ref} is confirmed`,
      reschedule: (ref) => `Your booking ${ref} has moved`,
      cancellation: (ref) => `Your booking ${ref} is cancelled`,
      reminder: (ref) => `Reminder: your appointment ${ref}`,
      closure: (ref) => `Centre closed: please choose a new time for ${ref}`,
      survey: () => 'How was your visit?',
    },
    service: 'Service',
    when: 'When',
    centre: 'Centre',
  },
  ar: {
    brand: 'مواعيد',
    sep: '، ',
    booked: (ref) => `تم حجز ${ref}`,
    bookedShort: (ref) => `حجز ${ref}`,
    moved: (ref) => `نُقل موعد ${ref} إلى`,
    cancelled: (ref) => `أُلغي الحجز ${ref}`,
    reminder: (ref) => `تذكير بموعدك ${ref}`,
    manage: 'للإدارة',
    bookAgain: 'للحجز مجدداً',
    bring: 'أحضر بطاقتك الذكية.',
    closed: (centre, day) => `${centre} مغلق يوم ${day}`,
    chooseNew: (ref) => `يرجى اختيار موعد جديد للحجز ${ref}`,
    thanks: (centre) => `شكراً لزيارتك ${centre}`,
    rate: 'قيّم زيارتك',
    code: (code) => `رمز مواعيد: ${code}. صالح 5 دقائق. لا تشاركه مع أحد.`,
    subjects: {
      confirmation: (ref) => `تم تأكيد حجزك ${ref}`,
      reschedule: (ref) => `تم نقل موعد حجزك ${ref}`,
      cancellation: (ref) => `تم إلغاء حجزك ${ref}`,
      reminder: (ref) => `تذكير: موعدك ${ref}`,
      closure: (ref) => `المركز مغلق: يرجى اختيار موعد جديد للحجز ${ref}`,
      survey: () => 'كيف كانت زيارتك؟',
    },
    service: 'الخدمة',
    when: 'الموعد',
    centre: 'المركز',
  },
};

/** The link that opens a booking: with its token only where the message carries one. */
export function manageLink(publicUrl: string, reference?: string, token?: string) {
  if (!reference) return `${publicUrl}/manage`;
  return token ? `${publicUrl}/manage/${reference}#token=${token}` : `${publicUrl}/manage/${reference}`;
}

/** The SMS shapes tried in turn, fullest first, until one fits in two parts. */
const SMS_SHAPES = [
  { brand: true, centre: true, short: false },
  { brand: false, centre: true, short: false },
  { brand: false, centre: false, short: false },
  { brand: false, centre: false, short: true },
] as const;
type SmsShape = (typeof SMS_SHAPES)[number];

export function renderBookingMessage(
  kind: BookingMessageKind,
  language: Language,
  facts: BookingFacts,
  links: { publicUrl: string; manageToken?: string | undefined },
): Rendered {
  const w = WORDS[language];
  const ref = formatReference(facts.reference);
  const whenOf = (short: boolean) => formatWhenForPeople(facts.startsAt, facts.timeZone, language, { short });
  const centre = facts.centreName[language];
  const head = {
    confirmation: w.booked(ref),
    reschedule: w.moved(ref),
    cancellation: w.cancelled(ref),
    reminder: w.reminder(ref),
  }[kind];
  const tailWith = (link: string) =>
    ({
      confirmation: `${w.manage}: ${link}`,
      reschedule: `${w.manage}: ${manageLink(links.publicUrl)}`,
      cancellation: `${w.bookAgain}: ${links.publicUrl}`,
      reminder: `${w.bring} ${w.manage}: ${manageLink(links.publicUrl)}`,
    })[kind];
  const tokenLink = manageLink(links.publicUrl, facts.reference, links.manageToken);
  const smsOf = (shape: SmsShape, link: string) => {
    const when = whenOf(shape.short);
    const headWhen = kind === 'reschedule' ? `${head} ${when}` : `${head}${w.sep}${when}`;
    const tail =
      shape.short && kind === 'reminder' ? `${w.manage}: ${manageLink(links.publicUrl)}` : tailWith(link);
    return `${shape.brand ? `${w.brand}: ` : ''}${headWhen}${shape.centre ? `${w.sep}${centre}` : ''}. ${tail}`;
  };
  const sms = fitSms([
    ...SMS_SHAPES.map((shape) => smsOf(shape, tokenLink)),
    ...(kind === 'confirmation' ? [`${w.bookedShort(ref)}${w.sep}${whenOf(true)}: ${tokenLink}`] : []),
    // A very long public address: the link without its token (the page then asks for CPR and a code).
    smsOf(SMS_SHAPES[3], manageLink(links.publicUrl, facts.reference)),
  ]);
  const text = [
    w.subjects[kind](ref),
    '',
    `${w.service}: ${facts.serviceName[language]}`,
    `${w.centre}: ${centre}`,
    `${w.when}: ${whenOf(false)}`,
    '',
    ...(kind === 'reminder' ? [w.bring] : []),
    tailWith(tokenLink),
  ].join('\n');
  return { sms, email: { subject: w.subjects[kind](ref), text } };
}

/** A centre closed on a day that had bookings: other code decides when to send it. */
export function renderClosureNotice(
  language: Language,
  facts: BookingFacts,
  input: { publicUrl: string; date: string },
): Rendered {
  const w = WORDS[language];
  const ref = formatReference(facts.reference);
  const centre = facts.centreName[language];
  const closedOn = (short: boolean) => w.closed(centre, formatDayForPeople(input.date, language, { short }));
  const ask = `${w.chooseNew(ref)}: ${manageLink(input.publicUrl)}`;
  return {
    sms: fitSms([
      `${w.brand}: ${closedOn(false)}. ${ask}`,
      `${closedOn(false)}. ${ask}`,
      `${closedOn(true)}. ${ask}`,
    ]),
    email: { subject: w.subjects.closure(ref), text: `${closedOn(false)}.\n\n${ask}` },
  };
}

export function renderSurveyInvitation(
  language: Language,
  input: { centreName: Bilingual; link: string },
): Rendered {
  const w = WORDS[language];
  const thanks = w.thanks(input.centreName[language]);
  return {
    sms: fitSms([`${w.brand}: ${thanks}. ${w.rate}: ${input.link}`, `${w.brand}: ${w.rate}: ${input.link}`]),
    email: { subject: w.subjects.survey(''), text: `${thanks}.\n\n${w.rate}: ${input.link}` },
  };
}

/**
 * A one-time code. The last line lets phones offer the code for the site (WebOTP: "@host #code").
 */
export function renderVerificationCode(language: Language, input: { code: string; publicUrl: string }) {
  return `${WORDS[language].code(input.code)}\n\n@${new URL(input.publicUrl).host} #${input.code}`;
}
