import { type Queryable, runStatement, type Statement } from '../../db/client';
import { jobColumns } from '../jobs/repository';
import type { PlannedMessage } from '../messages/service';
import type { PlannedEvent } from '../webhooks/service';

/** A job row as `jobs.newJob` draws it. */
type JobRow = PlannedMessage['job'];

/** A change's notices, drawn and sealed by their features, not yet written. */
export type Notices = { event: PlannedEvent | null; messages: PlannedMessage[]; jobs: JobRow[] };

/**
 * What a booking's change owes, written by one statement (decision 0019, "A booking's notices
 * in one statement"): the webhook event's delivery and job for each endpoint subscribed now,
 * the message(s) with their delivery jobs, and the reminder jobs. These are the same rows, with
 * the same guards, that `webhooks.emit`, `messages.queue` and `jobs.enqueueMany` write one
 * statement at a time; the messages, jobs and webhook features draw and seal them
 * (`planBookingMessage`, `planEvent`, `newJob`), and only the writing is shared here.
 *
 * - The subscribers are read by this statement inside the change's transaction, as `emit` read
 *   them: an endpoint committed before it gets the event, and none other.
 * - A message is inserted unless its dedupe key is taken; its job is made from the inserted
 *   row (`FROM m`), so a message left out gets no job; the message points at its job, and the
 *   foreign key is checked at the statement's end.
 * - Each delivery's job is made from the inserted delivery, with `{ deliveryId }` as payload.
 * - Rows travel as JSON arrays (`jsonb_to_recordset`), so the text is the same whatever their
 *   count and is prepared once per connection.
 *
 * These are CTEs to put after others: parameters from `$<after + 1>`, and nothing is written
 * unless `guard` holds (bookForPerson writes the notices only with the booking it inserts).
 */
export function noticesCtes(after: number, guard: string) {
  const text = `e AS (
    SELECT id FROM webhook_endpoints
    WHERE $1::text IS NOT NULL AND disabled_at IS NULL AND events @> jsonb_build_array($1::text) AND ${guard}
  ),
  d AS (
    INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, body, created_at)
    SELECT e.id, $2::uuid, $1::text, $3::text, $4::timestamptz FROM e
    RETURNING id
  ),
  dj AS (
    INSERT INTO jobs (kind, payload, run_at, max_attempts, dedupe_key, created_at)
    SELECT $5::text, jsonb_build_object('deliveryId', d.id), $6::timestamptz, $7::int, NULL, $4::timestamptz
    FROM d
  ),
  x AS (
    SELECT * FROM jsonb_to_recordset($8::jsonb) AS x(id uuid, kind text, channel text, language text,
      booking_id uuid, recipient_masked text, content_sealed text, dedupe_key text, created_at timestamptz,
      job_id uuid, job_kind text, job_payload jsonb, job_run_at timestamptz, job_max_attempts int,
      job_dedupe_key text, job_created_at timestamptz)
    WHERE ${guard}
  ),
  m AS (
    INSERT INTO messages (id, kind, channel, language, booking_id, recipient_masked, content_sealed,
      dedupe_key, created_at, job_id)
    SELECT id, kind, channel, language, booking_id, recipient_masked, content_sealed, dedupe_key,
      created_at, job_id
    FROM x
    ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
    RETURNING id
  ),
  mj AS (
    INSERT INTO jobs (id, kind, payload, run_at, max_attempts, dedupe_key, created_at)
    SELECT x.job_id, x.job_kind, x.job_payload, x.job_run_at, x.job_max_attempts, x.job_dedupe_key,
      x.job_created_at
    FROM x JOIN m ON m.id = x.id
  ),
  r AS (
    INSERT INTO jobs (kind, payload, run_at, max_attempts, dedupe_key, created_at)
    SELECT kind, payload, run_at, max_attempts, dedupe_key, created_at
    FROM jsonb_to_recordset($9::jsonb) AS r(kind text, payload jsonb, run_at timestamptz, max_attempts int,
      dedupe_key text, created_at timestamptz)
    WHERE ${guard}
    ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
  )`;
  return text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + after}`);
}

const INSERT_NOTICES: Statement = {
  name: 'bookings_insert_notices',
  text: `WITH ${noticesCtes(0, 'true')}
  SELECT (SELECT count(*) FROM d)::int AS deliveries, (SELECT count(*) FROM m)::int AS messages`,
};

/** The values of noticesCtes' nine parameters, in order. */
export function noticesValues(notices: Notices): unknown[] {
  const { event } = notices;
  const messages = notices.messages.map(({ message: m, job }) => {
    const j = jobColumns(job);
    return {
      id: m.id,
      kind: m.kind,
      channel: m.channel,
      language: m.language,
      booking_id: m.bookingId ?? null,
      recipient_masked: m.recipientMasked,
      content_sealed: m.contentSealed,
      dedupe_key: m.dedupeKey ?? null,
      created_at: m.createdAt.toISOString(),
      job_id: m.jobId,
      job_kind: j.kind,
      job_payload: j.payload,
      job_run_at: j.run_at,
      job_max_attempts: j.max_attempts,
      job_dedupe_key: j.dedupe_key,
      job_created_at: j.created_at,
    };
  });
  return [
    event?.type ?? null,
    event?.eventId ?? null,
    event?.body ?? null,
    (event?.createdAt ?? new Date(0)).toISOString(),
    event?.job.kind ?? null,
    event?.job.runAt.toISOString() ?? null,
    event?.job.maxAttempts ?? null,
    JSON.stringify(messages),
    JSON.stringify(notices.jobs.map(jobColumns)),
  ];
}

/** Writes a change's notices in one round trip; how many deliveries and messages it added. */
export async function insertNotices(tx: Queryable, notices: Notices) {
  const [row] = await runStatement<{ deliveries: number; messages: number }>(
    tx,
    INSERT_NOTICES,
    noticesValues(notices),
  );
  return row ?? { deliveries: 0, messages: 0 };
}
