import { createDashboardRollup } from '../features/dashboard/rollup';
import { systemClock } from '../lib/clock';
import { withDatabase } from './database';

/**
 * Builds the dashboard's rollup now (decision 0021), as the nightly job does: every day over
 * without one, and every day changed since. For data loaded around the app (an import, the
 * bench's generator); prints the centre-days built and the time taken.
 */
export async function buildDashboardRollup(out: (line: string) => void) {
  return withDatabase(async (database) => {
    const started = performance.now();
    const { days } = await createDashboardRollup({ db: database.db, clock: systemClock }).build({ log: out });
    out(
      `Dashboard rollup done: ${days} centre-day(s) built in ${Math.round((performance.now() - started) / 100) / 10} s.`,
    );
    return 0;
  });
}
