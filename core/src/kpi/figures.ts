import { toZoned, WEEKDAYS, type Weekday } from '../time/local';
import { describeDistribution } from './formulas';

/**
 * The dashboard's charts, worked out once: each takes waits already computed with
 * waitingMinutes() (formulas.ts) and groups them. Medians are describeDistribution()'s.
 */

/** A wait placed in the centre's local week: the weekday and hour at which the person was called. */
export type PlacedWait = { weekday: Weekday; hour: number; minutes: number };

const QUARTER_HOUR = 15 * 60_000;
/** Local weekday and hour per zone and quarter hour: every zone's offset is whole quarter hours. */
const placed = new Map<string, { weekday: Weekday; hour: number }>();

/** Where a call falls in the centre's own zone (the server's and browser's zones never matter). */
export function placeWait(calledAt: Date, zone: string, minutes: number): PlacedWait {
  // A year of visits is millions of calls; the zone rules are asked once per quarter hour.
  const key = `${zone}|${Math.floor(calledAt.getTime() / QUARTER_HOUR)}`;
  let local = placed.get(key);
  if (!local) {
    const parts = toZoned(calledAt, zone);
    local = { weekday: parts.weekday, hour: Number(parts.time.slice(0, 2)) };
    if (placed.size >= 100_000) placed.clear();
    placed.set(key, local);
  }
  return { weekday: local.weekday, hour: local.hour, minutes };
}

/** The lower edges, in minutes, of the wait histogram's bins; the last bin is open-ended (60+). */
export const WAIT_BIN_EDGES = [0, 5, 10, 15, 20, 30, 45, 60] as const;

export type Bin = { fromMinutes: number; toMinutes: number | null; visits: number };

/**
 * Histogram: how many values fall in [edge i, edge i+1); the last bin holds everything from its
 * edge up. Every bin is listed, empty ones too, so the chart's axis never moves. Values below the
 * first edge count in the first bin.
 */
export function histogram(values: readonly number[], edges: readonly number[] = WAIT_BIN_EDGES): Bin[] {
  const bins: Bin[] = edges.map((fromMinutes, i) => ({
    fromMinutes,
    toMinutes: edges[i + 1] ?? null,
    visits: 0,
  }));
  for (const v of values) {
    let i = edges.length - 1;
    while (i > 0 && v < (edges[i] as number)) i--;
    const bin = bins[i];
    if (bin) bin.visits++;
  }
  return bins;
}

const median = (values: number[]) => describeDistribution(values).median;

/** Median wait per local hour of call, hours with calls only, earliest first. */
export function waitsByHour(waits: readonly PlacedWait[]) {
  const hours = new Map<number, number[]>();
  for (const w of waits) {
    const minutes = hours.get(w.hour);
    if (minutes) minutes.push(w.minutes);
    else hours.set(w.hour, [w.minutes]);
  }
  return [...hours.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, minutes]) => ({ hour, visits: minutes.length, waitMedian: median(minutes) }));
}

export type HeatCell = { weekday: Weekday; hour: number; visits: number; waitMedian: number | null };

/**
 * Heat map of waiting: the median wait of each (local weekday, hour of call) that had calls,
 * in week order from Sunday, then by hour. Cells without calls are left out: no call, no wait.
 */
export function waitHeatMap(waits: readonly PlacedWait[]): HeatCell[] {
  const cells = new Map<string, { weekday: Weekday; hour: number; minutes: number[] }>();
  for (const w of waits) {
    const key = `${w.weekday}:${w.hour}`;
    const cell = cells.get(key) ?? { weekday: w.weekday, hour: w.hour, minutes: [] };
    cell.minutes.push(w.minutes);
    cells.set(key, cell);
  }
  return [...cells.values()]
    .sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || a.hour - b.hour)
    .map((c) => ({
      weekday: c.weekday,
      hour: c.hour,
      visits: c.minutes.length,
      waitMedian: median(c.minutes),
    }));
}

/**
 * Seats the waitlist refilled (issue 11): how many freed seats were booked through an offer, and
 * the median minutes from the seat's freeing to that booking.
 */
export function waitlistRefills(refills: readonly { freedAt: Date; bookedAt: Date }[]) {
  const minutes = refills.map((r) => Math.max(0, (r.bookedAt.getTime() - r.freedAt.getTime()) / 60_000));
  return { filled: refills.length, medianMinutesToRebook: median(minutes) };
}
