import { normaliseDigits } from '@mawaeed/core/country/profile';
import { addDays, daysBetween, isLocalDate } from '@mawaeed/core/time/local';
import type { FieldError } from '../../components/error-summary';
import type { Language } from '../../lib/language';
import { checkPerson, type PersonDraft } from '../booking/person-fields';

/** The keys of the messages this check may give. */
type MessageKey =
  | `waitlist.join.${'centresRequired' | 'fromInvalid' | 'toInvalid' | 'rangeTooLong' | 'timesRequired'}`
  | Parameters<Parameters<typeof checkPerson>[1]>[0];

export const PARTS = ['morning', 'afternoon', 'evening'] as const;
export type Part = (typeof PARTS)[number];

export type JoinDraft = PersonDraft & {
  centreIds: string[];
  from: string;
  to: string;
  timesOfDay: Part[];
  language: Language;
};

export const MAX_RANGE_DAYS = 62;

/** A range of two weeks from today, the default the form offers. */
export function defaultRange(today: string) {
  return { from: today, to: addDays(today, 13) };
}

/** The form's answers checked as the server will, each problem on its field (message keys). */
export function checkJoinDraft(draft: JoinDraft, today: string, t: (key: MessageKey) => string) {
  const errors: FieldError[] = [];
  if (draft.centreIds.length === 0)
    errors.push({ field: 'centres', message: t('waitlist.join.centresRequired') });
  const from = normaliseDigits(draft.from.trim());
  const to = normaliseDigits(draft.to.trim());
  if (!isLocalDate(from) || from < today)
    errors.push({ field: 'from', message: t('waitlist.join.fromInvalid') });
  else if (!isLocalDate(to) || to < from) errors.push({ field: 'to', message: t('waitlist.join.toInvalid') });
  else if (daysBetween(from, to) >= MAX_RANGE_DAYS)
    errors.push({ field: 'to', message: t('waitlist.join.rangeTooLong') });
  if (draft.timesOfDay.length === 0)
    errors.push({ field: 'times', message: t('waitlist.join.timesRequired') });
  const { errors: personErrors, person } = checkPerson(draft, t);
  errors.push(...personErrors);
  if (errors.length > 0 || !person) return { errors, body: null };
  return {
    errors,
    body: {
      centreIds: draft.centreIds,
      from,
      to,
      timesOfDay: draft.timesOfDay,
      customer: {
        cpr: person.cpr,
        name: person.name,
        mobile: person.mobile,
        ...(person.email ? { email: person.email } : {}),
        language: draft.language,
      },
    },
  };
}
