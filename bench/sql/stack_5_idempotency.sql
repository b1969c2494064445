-- 5: 4 + the idempotency key, claimed first and its answer saved last
\set slot random(0, 9999)
\set cid random(1, 10000000)
BEGIN;
INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
  VALUES ('POST /api/v1/bookings', md5(random()::text), md5(random()::text), 0, '{}', now())
  ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, created_at = excluded.created_at
  WHERE idempotency_keys.created_at < now() - interval '24 hours'
  RETURNING key AS idem_key \gset
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
INSERT INTO booking_tokens (booking_id, token_hash, source) VALUES (':booking_id', md5(random()::text) || md5(random()::text), 'booking');
INSERT INTO booking_history (booking_id, event, from_status, to_status, starts_at, actor, at)
  VALUES (':booking_id', 'book', NULL, 'confirmed', timestamptz '2026-12-01 05:00+00' + :slot * interval '15 minutes', 'public', now());
INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at)
  VALUES ('message.deliver', jsonb_build_object('bookingId', ':booking_id'), now(), 8, now()) RETURNING id AS job_id \gset
INSERT INTO messages (kind, channel, language, booking_id, recipient_masked, content_sealed, job_id, created_at)
  VALUES ('confirmation', 'sms', 'en', ':booking_id', '+973 3600 ••34', repeat('m', 700), ':job_id', now());
INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at)
  SELECT 'booking.reminder', jsonb_build_object('bookingId', ':booking_id', 'minutesBefore', m),
         timestamptz '2026-12-01 05:00+00' + :slot * interval '15 minutes' - m * interval '1 minute', 8, now()
    FROM unnest(ARRAY[1440, 120]) m;
UPDATE idempotency_keys SET response_status = 201, response_body = jsonb_build_object('reference', 'X', 'body', repeat('b', 400))
  WHERE scope = 'POST /api/v1/bookings' AND key = ':idem_key';
END;
