-- 2: 1 + the person: customer upsert by CPR hash, guarded per-person hold
\set slot random(0, 9999)
\set cid random(1, 10000000)
BEGIN;
INSERT INTO customers (cpr_hash, cpr_cipher, name, mobile, language)
  VALUES (md5(:cid::text), repeat('c', 88), 'Bench Person', '36001234', 'en')
  ON CONFLICT (cpr_hash) DO UPDATE SET name = excluded.name, mobile = excluded.mobile, email = excluded.email,
    language = excluded.language, updated_at = now()
  RETURNING id AS customer_id \gset
INSERT INTO person_holds (customer_id, service_id, active) VALUES (':customer_id', '00000000-0000-4000-8000-000000000002', 1)
  ON CONFLICT (customer_id, service_id) DO UPDATE SET active = person_holds.active + 1
  WHERE person_holds.active < 1000000 RETURNING active;
INSERT INTO slot_loads (offering_id, starts_at, capacity, booked)
  VALUES ('00000000-0000-4000-8000-000000000003', timestamptz '2026-12-01 05:00+00' + :slot * interval '15 minutes', 1000000, 1)
  ON CONFLICT (offering_id, starts_at) DO UPDATE SET booked = slot_loads.booked + 1
  WHERE slot_loads.booked + slot_loads.held < slot_loads.capacity RETURNING booked;
INSERT INTO bookings (reference, centre_id, service_id, offering_id, customer_id, status, starts_at, ends_at,
                      channel, contact_name, contact_mobile, language)
  VALUES (upper(substr(md5(gen_random_uuid()::text), 1, 10)), '00000000-0000-4000-8000-000000000001',
          '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', ':customer_id', 'confirmed',
          timestamptz '2026-12-01 05:00+00' + :slot * interval '15 minutes',
          timestamptz '2026-12-01 05:15+00' + :slot * interval '15 minutes',
          'web', 'Bench Person', '36001234', 'en')
  RETURNING id AS booking_id \gset
END;
