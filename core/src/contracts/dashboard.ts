import { z } from 'zod';
import { SCORECARD_KPIS, type ScorecardKpi } from '../kpi/targets';
import { WEEKDAYS } from '../time/local';
import { Id, LocalDate } from './common';

const Name = z.object({ en: z.string(), ar: z.string() });
const Rate = z.number().nullable();
const Weekday = z.enum(WEEKDAYS as [string, ...string[]]);
const Distribution = z.object({ count: z.number().int(), mean: Rate, median: Rate, p90: Rate });

export const LiveQuery = z.strictObject({ centreId: Id });
export const LiveHall = z.object({
  centreId: Id,
  services: z.array(
    z.object({
      serviceId: Id,
      letter: z.string(),
      name: Name,
      waiting: z.number().int(),
      longestWaitMinutes: Rate,
    }),
  ),
  waiting: z.number().int(),
  longestWaitMinutes: Rate,
  countersOpen: z.number().int(),
  callsLastHour: z.number().int(),
});

export const KpiPeriodQuery = z
  .strictObject({
    from: LocalDate,
    to: LocalDate,
    centreId: Id.optional(),
    serviceId: Id.optional(),
    counterId: Id.optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is before from' });

const Kpi = z.enum(SCORECARD_KPIS as [ScorecardKpi, ...ScorecardKpi[]]);
export const Light = z.enum(['green', 'amber', 'red', 'none']);

export const DashboardKpis = z.object({
  from: LocalDate,
  to: LocalDate,
  bookings: z.number().int(),
  cancellations: z.number().int(),
  bookingsDue: z.number().int(),
  noShows: z.number().int(),
  noShowRate: Rate,
  appointmentCompliance: Rate,
  visits: z.number().int(),
  waitingMinutes: Distribution,
  serviceMinutes: Distribution,
  utilisation: Rate,
  satisfaction: z.object({
    count: z.number().int(),
    performance: Rate,
    organisation: Rate,
    quality: Rate,
    csat: Rate,
  }),
  scorecard: z.array(z.object({ kpi: Kpi, value: Rate, target: z.number(), light: Light })),
  daily: z.array(
    z.object({
      date: LocalDate,
      visits: z.number().int(),
      waitMedian: Rate,
      compliance: Rate,
      noShowRate: Rate,
    }),
  ),
  /** Median wait by the hour of day (local) at which people were called. */
  waitByHour: z.array(z.object({ hour: z.number().int(), visits: z.number().int(), waitMedian: Rate })),
  /** Freed seats booked through a waitlist offer decided in the period, and how fast (issue 11). */
  waitlist: z.object({ filled: z.number().int(), medianMinutesToRebook: Rate }),
  /** Median wait by local weekday and hour of call: the heat map; only cells with calls. */
  waitHeatMap: z.array(
    z.object({ weekday: Weekday, hour: z.number().int(), visits: z.number().int(), waitMedian: Rate }),
  ),
  /** How many waited 0–5, 5–10, … minutes; the last bin (toMinutes null) is 60 and more. */
  waitDistribution: z.array(
    z.object({
      fromMinutes: z.number().int(),
      toMinutes: z.number().int().nullable(),
      visits: z.number().int(),
    }),
  ),
});

export const KpiTargets = z.object({
  items: z.array(
    z.object({ kpi: Kpi, target: z.number(), direction: z.enum(['higher_is_better', 'lower_is_better']) }),
  ),
});
export const KpiTargetsUpdate = z.strictObject({
  targets: z.partialRecord(Kpi, z.number().min(0).max(1000)),
});

export const PublicTransparency = z.object({
  month: z.string(),
  items: z.array(
    z.object({
      centreId: Id,
      name: Name,
      appointmentCompliance: Rate,
      waitMedian: Rate,
      satisfaction: Rate,
      csat: Rate,
      visits: z.number().int(),
      ratings: z.number().int(),
    }),
  ),
});

export type DashboardKpis = z.infer<typeof DashboardKpis>;
export type LiveHall = z.infer<typeof LiveHall>;
export type KpiTargets = z.infer<typeof KpiTargets>;
export type PublicTransparency = z.infer<typeof PublicTransparency>;
