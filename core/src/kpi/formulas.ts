/**
 * Every KPI of the self-assessment, defined once (DESIGN.md "KPIs"). Inputs are plain facts of
 * visits; each function says its formula. Rates are fractions 0..1, null when undefined (0 ÷ 0).
 */

const MINUTE = 60_000;

export type Distribution = { count: number; mean: number | null; median: number | null; p90: number | null };

/** Mean, median and 90th percentile (nearest rank) of a list of numbers. */
export function describeDistribution(values: readonly number[]): Distribution {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null };
  // A typed array sorts numbers natively, several times faster than a comparator: a year of
  // every centre is millions of waits.
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    count: values.length,
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    median,
    p90: rank(0.9),
  };
}

export type VisitTimes = {
  /** Appointment start; null for a walk-in. */
  appointmentAt: Date | null;
  /** Check-in for appointments, ticket issue for walk-ins. */
  queuedAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/**
 * Waiting time, minutes: called − max(appointment start, check-in) for appointments (nobody waits
 * for being early); called − issued for walk-ins. Never negative: a person called before their
 * appointment time waited 0.
 */
export function waitingMinutes(visit: VisitTimes): number | null {
  if (!visit.calledAt) return null;
  const from = visit.appointmentAt
    ? Math.max(visit.appointmentAt.getTime(), visit.queuedAt.getTime())
    : visit.queuedAt.getTime();
  return Math.max(0, (visit.calledAt.getTime() - from) / MINUTE);
}

/** Service time, minutes: finished − started. */
export function serviceMinutes(visit: VisitTimes): number | null {
  if (!visit.startedAt || !visit.finishedAt) return null;
  return Math.max(0, (visit.finishedAt.getTime() - visit.startedAt.getTime()) / MINUTE);
}

/**
 * Appointment compliance: of checked-in appointments, the share called no later than the target
 * (default 10 minutes) after max(appointment start, check-in). Appointments not yet called count
 * as not compliant once the target has passed at `now`, and are left out before that.
 */
export function appointmentCompliance(
  visits: readonly VisitTimes[],
  options: { targetMinutes?: number; now: Date },
): number | null {
  const target = (options.targetMinutes ?? 10) * MINUTE;
  let due = 0;
  let kept = 0;
  for (const v of visits) {
    if (!v.appointmentAt) continue;
    const deadline = Math.max(v.appointmentAt.getTime(), v.queuedAt.getTime()) + target;
    if (v.calledAt) {
      due++;
      if (v.calledAt.getTime() <= deadline) kept++;
    } else if (options.now.getTime() > deadline) {
      due++;
    }
  }
  return due === 0 ? null : kept / due;
}

/** No-show rate: bookings due that never checked in ÷ bookings due (cancelled ones are not due). */
export function noShowRate(bookingsDue: number, checkedIn: number): number | null {
  if (bookingsDue <= 0) return null;
  return Math.max(0, bookingsDue - checkedIn) / bookingsDue;
}

/** Utilisation: serving minutes ÷ staffed counter minutes. */
export function utilisation(servingMinutes: number, staffedMinutes: number): number | null {
  if (staffedMinutes <= 0) return null;
  return servingMinutes / staffedMinutes;
}

export type Rating = { performance: number; organisation: number; quality: number };

/**
 * Satisfaction: the mean of each dimension (1–5), and CSAT = the share of rated visits whose
 * ratings are all 4 or more (a visit counts as satisfied only if every dimension was).
 */
export function satisfaction(ratings: readonly Rating[]) {
  if (ratings.length === 0)
    return { count: 0, performance: null, organisation: null, quality: null, csat: null };
  const mean = (pick: (r: Rating) => number) => ratings.reduce((sum, r) => sum + pick(r), 0) / ratings.length;
  const satisfied = ratings.filter((r) => r.performance >= 4 && r.organisation >= 4 && r.quality >= 4).length;
  return {
    count: ratings.length,
    performance: mean((r) => r.performance),
    organisation: mean((r) => r.organisation),
    quality: mean((r) => r.quality),
    csat: satisfied / ratings.length,
  };
}

export type BookingFact = {
  status: 'confirmed' | 'checked_in' | 'served' | 'cancelled' | 'no_show';
  startsAt: Date;
  /** How many bookings this fact stands for (a database may count alike ones): 1 by default. */
  count?: number;
};

/**
 * Bookings and cancellations of a period: bookings = every booking whose appointment falls in
 * it; cancellations = those cancelled; due = not cancelled and begun by `now`; checked in = due
 * ones that reached the hall (checked_in or served). No-show rate is noShowRate(due, checkedIn).
 */
export function countBookings(bookings: readonly BookingFact[], options: { now: Date }) {
  let booked = 0;
  let cancelled = 0;
  let due = 0;
  let checkedIn = 0;
  for (const b of bookings) {
    const n = b.count ?? 1;
    booked += n;
    if (b.status === 'cancelled') {
      cancelled += n;
      continue;
    }
    if (b.startsAt.getTime() > options.now.getTime()) continue;
    due += n;
    if (b.status === 'checked_in' || b.status === 'served') checkedIn += n;
  }
  return { bookings: booked, cancelled, due, checkedIn, noShows: due - checkedIn };
}

/** Cancellation rate: cancelled ÷ booked. */
export function cancellationRate(booked: number, cancelled: number): number | null {
  return booked <= 0 ? null : cancelled / booked;
}

export type KpiDirection = 'higher_is_better' | 'lower_is_better';
export type KpiTarget = {
  target: number;
  direction: KpiDirection /** how far short is still amber, as a fraction of the target */;
  tolerance?: number;
};
export type KpiLight = 'green' | 'amber' | 'red' | 'none';

/**
 * The self-assessment scorecard: green when the target is met, amber when short by no more than
 * the tolerance (default 10 % of the target), red beyond; none when the KPI has no value.
 */
export function rateAgainstTarget(value: number | null, target: KpiTarget): KpiLight {
  if (value === null) return 'none';
  const slack = Math.abs(target.target) * (target.tolerance ?? 0.1);
  const shortBy = target.direction === 'higher_is_better' ? target.target - value : value - target.target;
  if (shortBy <= 0) return 'green';
  return shortBy <= slack ? 'amber' : 'red';
}
