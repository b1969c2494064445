import type { Database } from '../../../server/src/db/client';
import { selectRows } from './databases';

export type BookingCheck = {
  confirmed: number;
  seats_taken: number;
  slots_over_capacity: number;
  slots_miscounted: number;
  slots_full: number;
};

/** What the database holds after the run: every seat counted once, no slot past its capacity. */
export async function checkBookings(database: Database): Promise<BookingCheck> {
  const [row] = await selectRows<BookingCheck>(
    database,
    `SELECT
       (SELECT count(*)::int FROM bookings WHERE status = 'confirmed') AS confirmed,
       (SELECT coalesce(sum(booked), 0)::int FROM slot_loads) AS seats_taken,
       (SELECT count(*)::int FROM slot_loads WHERE booked > capacity) AS slots_over_capacity,
       (SELECT count(*)::int FROM slot_loads l
         WHERE l.booked <> (SELECT count(*) FROM bookings b
                             WHERE b.offering_id = l.offering_id AND b.starts_at = l.starts_at
                               AND b.status = 'confirmed')) AS slots_miscounted,
       (SELECT count(*)::int FROM slot_loads WHERE booked = capacity) AS slots_full`,
  );
  if (!row) throw new Error('no check row');
  return row;
}
