-- 1: the app-shaped seat upsert (slot_loads) and booking row (uuid key, reference, 3 indexes)
\set slot random(0, 9999)
\set cid random(1, 10000000)
BEGIN;
INSERT INTO slot_loads (offering_id, starts_at, capacity, booked)
  VALUES ('00000000-0000-4000-8000-000000000003', timestamptz '2026-12-01 05:00+00' + :slot * interval '15 minutes', 1000000, 1)
  ON CONFLICT (offering_id, starts_at) DO UPDATE SET booked = slot_loads.booked + 1
  WHERE slot_loads.booked + slot_loads.held < slot_loads.capacity RETURNING booked;
INSERT INTO bookings (reference, centre_id, service_id, offering_id, customer_id, status, starts_at, ends_at,
                      channel, contact_name, contact_mobile, language)
  VALUES (upper(substr(md5(gen_random_uuid()::text), 1, 10)), '00000000-0000-4000-8000-000000000001',
          '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000009', 'confirmed',
          timestamptz '2026-12-01 05:00+00' + :slot * interval '15 minutes',
          timestamptz '2026-12-01 05:15+00' + :slot * interval '15 minutes',
          'web', 'Bench Person', '36001234', 'en')
  RETURNING id AS booking_id \gset
END;
