import { KpiQuery } from '@mawaeed/core/contracts/integrations';
import { formatInZone } from '@mawaeed/core/time/local';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client';
import { createKpis } from '../features/kpis/service';
import { systemClock } from '../lib/clock';
import { withDatabase } from './database';

/** One CSV cell: quoted, and a leading formula character neutralised for spreadsheets. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(columns: string[], rows: unknown[][]): string {
  return [columns, ...rows].map((r) => `${r.map(cell).join(',')}\r\n`).join('');
}

export type Period = { from: string; to: string; centre?: string | undefined };

/** The period checked as the API checks it; a message for the operator when it is wrong. */
export function checkPeriod(period: Period): string | null {
  const parsed = KpiQuery.safeParse({ from: period.from, to: period.to });
  return parsed.success
    ? null
    : parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n');
}

type BookingLine = {
  reference: string;
  status: string;
  channel: string;
  centre: string;
  service: string;
  time_zone: string;
  starts_at: Date | string;
  ends_at: Date | string;
  created_at: Date | string;
};

/**
 * Bookings whose appointment falls on the centre's local dates [from, to]: reference, status,
 * centre, service, times and channel. No CPR, name, mobile or email: an export leaves the system.
 */
export async function exportBookings(period: Period): Promise<string> {
  const rows = await withDatabase((database) =>
    queryRows<BookingLine>(
      database.db,
      sql`SELECT b.reference, b.status, b.channel, c.code AS centre, s.code AS service, c.time_zone,
            b.starts_at, b.ends_at, b.created_at
          FROM bookings b JOIN centres c ON c.id = b.centre_id JOIN services s ON s.id = b.service_id
          WHERE (b.starts_at AT TIME ZONE c.time_zone)::date BETWEEN ${period.from}::date AND ${period.to}::date
            AND (${period.centre ?? null}::text IS NULL OR c.code = ${period.centre ?? null}::text)
          ORDER BY b.starts_at, b.reference`,
    ),
  );
  return csv(
    ['reference', 'status', 'centre', 'service', 'start', 'end', 'channel', 'created_at'],
    rows.map((r) => [
      r.reference,
      r.status,
      r.centre,
      r.service,
      formatInZone(new Date(r.starts_at), r.time_zone),
      formatInZone(new Date(r.ends_at), r.time_zone),
      r.channel,
      new Date(r.created_at).toISOString(),
    ]),
  );
}

/** Booking KPIs per centre for the period (core/src/kpi/formulas.ts; the hall's join later). */
export async function exportKpis(period: Period): Promise<string> {
  const report = await withDatabase((database) =>
    createKpis({ db: database.db, clock: systemClock }).bookingKpis({ from: period.from, to: period.to }),
  );
  const items = period.centre ? report.items.filter((r) => r.centreCode === period.centre) : report.items;
  return csv(
    ['centre', 'from', 'to', 'booked', 'cancelled', 'due', 'checked_in', 'no_shows', 'no_show_rate'],
    items.map((r) => [
      r.centreCode,
      report.from,
      report.to,
      r.booked,
      r.cancelled,
      r.due,
      r.checkedIn,
      r.noShows,
      r.noShowRate === null ? '' : r.noShowRate.toFixed(4),
    ]),
  );
}
