import { TimeText } from '../../components/time-text';
import { useLanguage } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format';

/** An instant in Bahrain time, as staff read it (or a word when there is none). */
export function When({ at, never }: { at: string | null; never: string }) {
  const language = useLanguage();
  if (!at) return <>{never}</>;
  return <TimeText>{formatDateTime(at, 'Asia/Bahrain', language)}</TimeText>;
}
