import type { LocalDate, TimeOfDay, Weekday } from '../time/local';

export type Bilingual = { en: string; ar: string };

/** One opening interval of a day, `close` exclusive. */
export type OpeningInterval = { open: TimeOfDay; close: TimeOfDay };

/** Hours per weekday; a weekday with no intervals is closed (that is all a weekend is). */
export type WeeklyHours = Record<Weekday, OpeningInterval[]>;

/** Hours that replace the weekly hours for a date range, both ends included (Ramadan). */
export type SpecialPeriod = {
  from: LocalDate;
  to: LocalDate;
  name: Bilingual;
  weeklyHours: WeeklyHours;
  provisional?: boolean;
};

/**
 * A day a centre is closed or only partly open. `holiday` is a public holiday (national when
 * it applies to every centre), `closure` a one-off closure of one centre. `openHours`, when
 * set, are the hours that remain open (a half day).
 */
export type Closure = {
  date: LocalDate;
  kind: 'holiday' | 'closure';
  name: Bilingual;
  openHours?: OpeningInterval[] | null;
  provisional?: boolean;
};

export type CentreSchedule = {
  timeZone: string;
  weeklyHours: WeeklyHours;
  specialPeriods: SpecialPeriod[];
  closures: Closure[];
};

/** Capacity (parallel counters) from `from` until `to` on any open day. */
export type CapacityRule = { from: TimeOfDay; to: TimeOfDay; capacity: number };

export type OfferingPlan = {
  slotMinutes: number;
  /** Capacity where no rule applies. */
  capacity: number;
  capacityRules: CapacityRule[];
};

/** How far ahead a service may be booked: not sooner than the lead, not later than the days. */
export type BookingWindow = { minLeadMinutes: number; maxDaysAhead: number };

export type ClosedReason = 'WEEKLY_CLOSED' | 'HOLIDAY' | 'CLOSURE' | 'OUTSIDE_BOOKING_WINDOW';
