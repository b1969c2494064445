import { Counter, Registry } from 'prom-client';

/**
 * The app's own Prometheus metrics, one registry per app (tests build many apps in one process).
 * Features count what operators watch; the metrics plugin adds process defaults and HTTP latency.
 */
export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    bookings: new Counter({
      name: 'mawaeed_booking_writes_total',
      help: 'Booking writes by action and outcome (created, replayed, or the refusal code)',
      labelNames: ['action', 'outcome'] as const,
      registers: [registry],
    }),
    /** Background job runs by kind and how they ended: done, retry, dead, or a lost lease. */
    jobs: new Counter({
      name: 'mawaeed_jobs_total',
      help: 'Background job runs by kind and result',
      labelNames: ['kind', 'result'] as const,
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
