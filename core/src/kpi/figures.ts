import { toZoned, WEEKDAYS, type Weekday } from '../time/local';
import { describeDistribution, medianOfValues } from './formulas';

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
export function histogram(values: ArrayLike<number>, edges: readonly number[] = WAIT_BIN_EDGES): Bin[] {
  const bins: Bin[] = edges.map((fromMinutes, i) => ({
    fromMinutes,
    toMinutes: edges[i + 1] ?? null,
    visits: 0,
  }));
  const counts = new Float64Array(edges.length);
  const last = edges.length - 1;
  // Whole-minute edges (the usual): a value's bin is that of its whole minutes, looked up.
  const lookup = edges.every(Number.isInteger) && (edges[last] as number) - (edges[0] as number) <= 1440;
  const first = edges[0] as number;
  const binOfMinute = lookup ? new Uint8Array((edges[last] as number) - first) : null;
  if (binOfMinute)
    for (let m = 0, i = 0; m < binOfMinute.length; m++) {
      while (i < last && first + m >= (edges[i + 1] as number)) i++;
      binOfMinute[m] = i;
    }
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number;
    let i: number;
    if (binOfMinute && v >= first) {
      const m = Math.floor(v - first);
      i = m < binOfMinute.length ? (binOfMinute[m] as number) : last;
    } else {
      i = last;
      while (i > 0 && v < (edges[i] as number)) i--;
    }
    counts[i] = (counts[i] as number) + 1;
  }
  bins.forEach((bin, i) => {
    bin.visits = counts[i] as number;
  });
  return bins;
}

const median = (values: number[]) => describeDistribution(values).median;

/** A (local weekday, hour) as one number, 0 … 167, Sunday 00 first: how the rollup stores a call's place. */
export const cellOf = (weekday: Weekday, hour: number) => WEEKDAYS.indexOf(weekday) * 24 + hour;

/** Waits with their cells, column by column: a year of every centre's waits without an object each. */
export type WaitColumns = { minutes: Float64Array; cells: Uint8Array };

export function columnsOf(waits: readonly PlacedWait[]): WaitColumns {
  const minutes = new Float64Array(waits.length);
  const cells = new Uint8Array(waits.length);
  waits.forEach((w, i) => {
    minutes[i] = w.minutes;
    cells[i] = cellOf(w.weekday, w.hour);
  });
  return { minutes, cells };
}

/** Median wait per local hour of call, hours with calls only, earliest first. */
export function waitsByHour(waits: readonly PlacedWait[]) {
  return waitsByHourOf(columnsOf(waits));
}

export function waitsByHourOf(waits: WaitColumns) {
  return groupWaits(waits, 24, (cell) => cell % 24).map(({ group, minutes }) => ({
    hour: group,
    visits: minutes.length,
    waitMedian: medianOfValues(minutes),
  }));
}

export type HeatCell = { weekday: Weekday; hour: number; visits: number; waitMedian: number | null };

/**
 * Heat map of waiting: the median wait of each (local weekday, hour of call) that had calls,
 * in week order from Sunday, then by hour. Cells without calls are left out: no call, no wait.
 */
export function waitHeatMap(waits: readonly PlacedWait[]): HeatCell[] {
  return waitHeatMapOf(columnsOf(waits));
}

export function waitHeatMapOf(waits: WaitColumns): HeatCell[] {
  return groupWaits(waits, 168, (cell) => cell).map(({ group, minutes }) => ({
    weekday: WEEKDAYS[Math.floor(group / 24)] as Weekday,
    hour: group % 24,
    visits: minutes.length,
    waitMedian: medianOfValues(minutes),
  }));
}

/** The waits of each group that has any, in group order: one counting pass, no sort. */
function groupWaits(waits: WaitColumns, groups: number, groupOf: (cell: number) => number) {
  const groupOfCell = new Uint8Array(168);
  for (let cell = 0; cell < 168; cell++) groupOfCell[cell] = groupOf(cell);
  const { minutes, cells } = waits;
  const counts = new Uint32Array(groups);
  for (let i = 0; i < cells.length; i++) {
    const g = groupOfCell[cells[i] as number] as number;
    counts[g] = (counts[g] as number) + 1;
  }
  const starts = new Uint32Array(groups + 1);
  for (let g = 0; g < groups; g++) starts[g + 1] = (starts[g] as number) + (counts[g] as number);
  const grouped = new Float64Array(minutes.length);
  const next = starts.slice(0, groups);
  for (let i = 0; i < cells.length; i++) {
    const g = groupOfCell[cells[i] as number] as number;
    const at = next[g] as number;
    grouped[at] = minutes[i] as number;
    next[g] = at + 1;
  }
  const out: { group: number; minutes: Float64Array }[] = [];
  for (let g = 0; g < groups; g++) {
    if (counts[g]) out.push({ group: g, minutes: grouped.subarray(starts[g], starts[g + 1]) });
  }
  return out;
}

/**
 * Seats the waitlist refilled (issue 11): how many freed seats were booked through an offer, and
 * the median minutes from the seat's freeing to that booking.
 */
export function waitlistRefills(refills: readonly { freedAt: Date; bookedAt: Date }[]) {
  const minutes = refills.map((r) => Math.max(0, (r.bookedAt.getTime() - r.freedAt.getTime()) / 60_000));
  return { filled: refills.length, medianMinutesToRebook: median(minutes) };
}
