import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/i18n';
import { formatDate, formatHijriDate } from '../../lib/format';
import { normaliseDigits } from '../centres/time-input';

/** "2026-12-01", "٢٠٢٦-١٢-٠١" or "2026/12/1" → "2026-12-01"; null when it is not a real date. */
export function parseLocalDate(value: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(normaliseDigits(value).trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  const d = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? null : date;
}

/**
 * A Gregorian date with its Umm al-Qura Hijri date beside it, marked provisional: the calendar
 * computes it, and the moon sighting may move a holiday by a day.
 */
export function DateWithHijri({ date }: { date: string }) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  return (
    <span>
      {formatDate(date, language)}
      <Text component="span" display="block" size="sm" c="dimmed" data-testid="hijri-date">
        <bdi>{formatHijriDate(date, language)}</bdi> ({t('calendar.hijriProvisional')})
      </Text>
    </span>
  );
}

/** A date field's hint, with its example kept left to right inside Arabic. */
export function DateHint() {
  const { t } = useTranslation('staff');
  return (
    <>
      {t('calendar.dateHint')} <bdi dir="ltr">2026-12-16</bdi>
    </>
  );
}

/** Under a date field: what the typed date reads as, in both calendars. */
export function DatePreview({ value }: { value: string }) {
  const date = parseLocalDate(value);
  if (!date) return null;
  return (
    <Text size="sm" aria-live="polite">
      <DateWithHijri date={date} />
    </Text>
  );
}
