import { cellOf, placeWait } from '@mawaeed/core/kpi/figures';
import {
  type ComplianceCounts,
  countCompliance,
  serviceMinutes,
  type VisitTimes,
  waitingMinutes,
} from '@mawaeed/core/kpi/formulas';
import { addDays } from '@mawaeed/core/time/local';

const MINUTE = 60_000;

/**
 * The facts of a local day's visits (of a centre, a service or a counter) that the dashboard's
 * figures are made of: counts that add up across days, and the waits and service times
 * themselves, so that medians and 90th percentiles of any period stay exact. The dashboard
 * makes them from the tickets for recent and changed days, and reads them from the rollup
 * (decision 0021) for the others: the figures are worked out from them one way.
 */
export type VisitDay = {
  day: string;
  visits: number;
  compliance: ComplianceCounts;
  /** Minutes, with the (weekday, hour) cell of each call (figures.ts cellOf). */
  waits: Float64Array;
  cells: Uint8Array;
  services: Float64Array;
};

export type Visit = VisitTimes & { day: string; zone: string };

/**
 * The last local day the rollup holds: two UTC dates back, which is over in every zone (UTC−12
 * to UTC+14), with every appointment's compliance deadline passed and every booking begun.
 */
export function lastSettledDay(now: Date) {
  return addDays(now.toISOString().slice(0, 10), -2);
}

export function summariseVisits(day: string, visits: readonly Visit[], now: Date): VisitDay {
  const waits: number[] = [];
  const cells: number[] = [];
  const services: number[] = [];
  for (const v of visits) {
    const wait = waitingMinutes(v);
    if (wait !== null && v.calledAt) {
      const placed = placeWait(v.calledAt, v.zone, wait);
      waits.push(wait);
      cells.push(cellOf(placed.weekday, placed.hour));
    }
    const served = serviceMinutes(v);
    if (served !== null) services.push(served);
  }
  return {
    day,
    visits: visits.length,
    compliance: countCompliance(visits, { now }),
    waits: Float64Array.from(waits),
    cells: Uint8Array.from(cells),
    services: Float64Array.from(services),
  };
}

/**
 * Minutes as base64 of whole milliseconds (Int32Array, this machine's byte order): every wait
 * and service time is one, since instants are read to the millisecond. Null if one is not, or
 * is beyond 24 days: that day is then not rolled up, and keeps being read from the tickets.
 */
export function encodeMinutes(minutes: Float64Array): string | null {
  const ms = new Int32Array(minutes.length);
  for (let i = 0; i < minutes.length; i++) {
    const m = minutes[i] as number;
    const whole = Math.round(m * MINUTE);
    if (whole > 2 ** 31 - 1 || whole / MINUTE !== m) return null;
    ms[i] = whole;
  }
  return Buffer.from(ms.buffer).toString('base64');
}

export function decodeMinutes(base64: string): Float64Array {
  const bytes = Buffer.from(base64, 'base64');
  const ms = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const minutes = new Float64Array(ms.length);
  for (let i = 0; i < ms.length; i++) minutes[i] = (ms[i] as number) / MINUTE;
  return minutes;
}

export const encodeCells = (cells: Uint8Array) =>
  Buffer.from(cells.buffer, cells.byteOffset, cells.length).toString('base64');
export const decodeCells = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

/** Joins typed arrays into one. */
export function concat<T extends Float64Array | Uint8Array>(parts: readonly T[], make: (n: number) => T): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
