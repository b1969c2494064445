-- The tables one booking writes, shaped as the app's migrations make them (columns, keys, unique and
-- secondary indexes, checks), without foreign keys to the catalogue: what the stack_*.sql scripts of
-- `npm run bench:burst` write into, one more table at a time. See bench/README.md.
CREATE TABLE slot_loads (
  offering_id uuid NOT NULL, starts_at timestamptz NOT NULL, capacity integer NOT NULL,
  booked integer NOT NULL DEFAULT 0, held integer NOT NULL DEFAULT 0,
  PRIMARY KEY (offering_id, starts_at),
  CHECK (booked >= 0 AND held >= 0 AND booked + held <= capacity));
CREATE TABLE customers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), cpr_hash text NOT NULL UNIQUE, cpr_cipher text NOT NULL,
  name text NOT NULL, mobile text NOT NULL, email text, language text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE person_holds (
  customer_id uuid NOT NULL, service_id uuid NOT NULL, active integer NOT NULL CHECK (active >= 0),
  PRIMARY KEY (customer_id, service_id));
CREATE TABLE bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), reference text NOT NULL UNIQUE,
  centre_id uuid NOT NULL, service_id uuid NOT NULL, offering_id uuid NOT NULL, customer_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('confirmed', 'checked_in', 'served', 'cancelled', 'no_show')),
  starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, channel text NOT NULL,
  contact_name text NOT NULL, contact_mobile text NOT NULL, contact_email text, language text NOT NULL,
  cancel_reason text, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_at < ends_at));
CREATE INDEX ON bookings (offering_id, starts_at);
CREATE INDEX ON bookings (centre_id, starts_at);
CREATE INDEX ON bookings (customer_id, service_id);
CREATE TABLE booking_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), booking_id uuid NOT NULL, token_hash text NOT NULL UNIQUE,
  source text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE booking_history (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY, booking_id uuid NOT NULL, event text NOT NULL,
  from_status text, to_status text NOT NULL, starts_at timestamptz NOT NULL, previous_starts_at timestamptz,
  actor text NOT NULL, reason text, at timestamptz NOT NULL);
CREATE INDEX ON booking_history (booking_id, id);
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), kind text NOT NULL, payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  run_at timestamptz NOT NULL, attempts integer NOT NULL DEFAULT 0, max_attempts integer NOT NULL,
  locked_until timestamptz, lock_token uuid, last_error text, dedupe_key text,
  created_at timestamptz NOT NULL, finished_at timestamptz);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'pending';
CREATE UNIQUE INDEX jobs_dedupe_key ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), kind text NOT NULL, channel text NOT NULL,
  language text NOT NULL, booking_id uuid, recipient_masked text NOT NULL, content_sealed text NOT NULL,
  status text NOT NULL DEFAULT 'pending', job_id uuid, dedupe_key text, last_error text,
  created_at timestamptz NOT NULL, sent_at timestamptz);
CREATE INDEX ON messages (status, created_at);
CREATE INDEX ON messages (booking_id);
CREATE UNIQUE INDEX messages_dedupe_key ON messages (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE TABLE idempotency_keys (
  scope text NOT NULL, key text NOT NULL, request_hash text NOT NULL, response_status integer NOT NULL,
  response_body jsonb NOT NULL, created_at timestamptz NOT NULL, PRIMARY KEY (scope, key));
CREATE INDEX ON idempotency_keys (created_at);
