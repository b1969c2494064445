import type { Language } from '@mawaeed/core/contracts/common';
import { formatDateTime } from '../../lib/format';

/** Where the staff member is: logs and queues span centres, so they read in the viewer's own zone. */
const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function formatWhen(instant: string, language: Language): string {
  return formatDateTime(instant, viewerZone, language);
}
