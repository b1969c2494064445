/**
 * Every KPI of the self-assessment, defined once (DESIGN.md "KPIs"). Inputs are plain facts of
 * visits; each function says its formula. Rates are fractions 0..1, null when undefined (0 ÷ 0).
 */

const MINUTE = 60_000;

export type Distribution = { count: number; mean: number | null; median: number | null; p90: number | null };

/** Mean, median and 90th percentile (nearest rank) of a list of numbers. */
export function describeDistribution(values: readonly number[]): Distribution {
  return describeValues(Float64Array.from(values));
}

/**
 * describeDistribution() of values in a typed array, which it reorders: the ranks are found by
 * selection (Hoare's quickselect), not a full sort, since a year of every centre is millions of
 * waits. The same values give the same figures in any order.
 */
export function describeValues(values: Float64Array): Distribution {
  const n = values.length;
  if (n === 0) return { count: 0, mean: null, median: null, p90: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const median = medianOfValues(values) as number;
  // After the median, ranks from the middle up sit right of it: the 90th percentile is among them.
  const p90Rank = Math.max(0, Math.ceil(0.9 * n) - 1);
  return { count: n, mean: sum / n, median, p90: selectNth(values, p90Rank, Math.floor(n / 2), n - 1) };
}

/** describeValues()'s median alone (the charts' cells want no more), reordering the array too. */
export function medianOfValues(values: Float64Array): number | null {
  const n = values.length;
  if (n === 0) return null;
  const middle = Math.floor(n / 2);
  const upper = selectNth(values, middle, 0, n - 1);
  // After selecting rank `middle`, every smaller rank sits left of it: the one below is their maximum.
  return n % 2 === 1 ? upper : (maxOf(values, 0, middle - 1) + upper) / 2;
}

function maxOf(values: Float64Array, from: number, to: number) {
  let max = values[from] as number;
  for (let i = from + 1; i <= to; i++) if ((values[i] as number) > max) max = values[i] as number;
  return max;
}

/** The value of rank k (0-based) of values[from..to], leaving smaller ones left of k, larger right. */
function selectNth(values: Float64Array, k: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (hi > lo) {
    const pivot = values[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
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
  return complianceRate(countCompliance(visits, options));
}

/** Appointment compliance's counts, which add up across days: checked-in appointments due, and kept. */
export type ComplianceCounts = { due: number; kept: number };

export function countCompliance(
  visits: readonly VisitTimes[],
  options: { targetMinutes?: number; now: Date },
): ComplianceCounts {
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
  return { due, kept };
}

/** Appointment compliance from its counts: kept ÷ due. */
export function complianceRate(counts: ComplianceCounts): number | null {
  return counts.due === 0 ? null : counts.kept / counts.due;
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
  return satisfactionOf(totalRatings(ratings));
}

/** What satisfaction() needs of many ratings, which adds up across days: sums and counts. */
export type RatingTotals = {
  count: number;
  performance: number;
  organisation: number;
  quality: number;
  /** Ratings whose every dimension is 4 or more. */
  satisfied: number;
};

export function totalRatings(ratings: readonly Rating[]): RatingTotals {
  const totals = { count: 0, performance: 0, organisation: 0, quality: 0, satisfied: 0 };
  for (const r of ratings)
    addRatings(totals, {
      count: 1,
      performance: r.performance,
      organisation: r.organisation,
      quality: r.quality,
      satisfied: r.performance >= 4 && r.organisation >= 4 && r.quality >= 4 ? 1 : 0,
    });
  return totals;
}

/** Adds `more` into `into`. */
export function addRatings(into: RatingTotals, more: RatingTotals) {
  into.count += more.count;
  into.performance += more.performance;
  into.organisation += more.organisation;
  into.quality += more.quality;
  into.satisfied += more.satisfied;
}

export function satisfactionOf(t: RatingTotals) {
  if (t.count === 0) return { count: 0, performance: null, organisation: null, quality: null, csat: null };
  return {
    count: t.count,
    performance: t.performance / t.count,
    organisation: t.organisation / t.count,
    quality: t.quality / t.count,
    csat: t.satisfied / t.count,
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
