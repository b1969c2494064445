import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Tx } from '../../db/client';
import { book, bookingBody } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { assertInvariants } from '../../test/invariants';
import { asStaff, createStaff, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { startReceiver } from '../../test/webhook-receiver';
import type { Notices } from './notices-repository';
import * as repo from './repository';

// A booking's notices (webhook delivery, confirmation messages, reminders and all their jobs)
// are written by one statement (notices-repository.ts): they commit with the booking or not at all.

let t: TestApp;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const SLOT = '2026-12-01T09:30:00+03:00';

beforeAll(async () => {
  t = await buildTestApp();
  receiver = await startReceiver();
  setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 5 } });
  const admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
  const res = await asStaff(t, admin, 'POST', '/api/v1/admin/webhooks', {
    name: 'Case system',
    url: receiver.url,
    events: ['booking.created'],
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  await assertInvariants(t.db);
  await receiver.close();
  await t.close();
});

const rows = <T>(query: SQL) => queryRows<T>(t.db, query);

/** Every row a booking wrote, by what it is, with the id of the transaction that wrote it. */
async function writtenFor(reference: string) {
  return rows<{ what: string; tx: string }>(sql`
    WITH b AS (SELECT id, xmin FROM bookings WHERE reference = ${reference}),
    m AS (SELECT messages.* , messages.xmin AS x FROM messages, b WHERE booking_id = b.id),
    d AS (SELECT webhook_deliveries.*, webhook_deliveries.xmin AS x FROM webhook_deliveries
          WHERE body LIKE '%' || ${reference} || '%')
    SELECT 'booking' AS what, b.xmin::text AS tx FROM b
    UNION ALL SELECT 'message ' || m.channel, m.x::text FROM m
    UNION ALL SELECT 'message job', jobs.xmin::text FROM jobs JOIN m ON jobs.id = m.job_id
      WHERE jobs.payload->>'messageId' = m.id::text
    UNION ALL SELECT 'reminder', jobs.xmin::text FROM jobs, b
      WHERE jobs.kind = 'booking.reminder' AND jobs.payload->>'bookingId' = b.id::text
    UNION ALL SELECT 'webhook delivery', d.x::text FROM d
    UNION ALL SELECT 'webhook job', jobs.xmin::text FROM jobs JOIN d ON jobs.payload->>'deliveryId' = d.id::text
    ORDER BY 1`);
}

const countAll = async () =>
  (
    await rows<{ n: string }>(sql`SELECT (
      (SELECT count(*) FROM bookings) || ',' || (SELECT count(*) FROM booking_history) || ',' ||
      (SELECT count(*) FROM messages) || ',' || (SELECT count(*) FROM jobs) || ',' ||
      (SELECT count(*) FROM webhook_deliveries) || ',' || (SELECT count(*) FROM idempotency_keys)) AS n`)
  )[0]?.n;

describe('a booking’s notices', () => {
  it('are written with the booking, in its transaction: messages, reminders, webhook delivery and their jobs', async () => {
    const res = await book(t, bookingBody(setup, SLOT, { email: 'fatima@example.bh' }), {
      'idempotency-key': 'notices-1',
    });
    expect(res.statusCode, res.body).toBe(201);
    const written = await writtenFor(res.json().reference);
    expect(written.map((r) => r.what)).toEqual([
      'booking',
      'message email',
      'message job',
      'message job',
      'message sms',
      'reminder',
      'reminder',
      'webhook delivery',
      'webhook job',
    ]);
    expect(new Set(written.map((r) => r.tx)).size).toBe(1);
  });

  it('are not written when the transaction fails after them, and a retry with the key writes them once', async () => {
    const before = await countAll();
    // Refuse the commit of the next booking's transaction, after every statement of it has run.
    await t.db.execute(sql`CREATE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$`);
    await t.db.execute(sql`CREATE CONSTRAINT TRIGGER test_refuse_commit AFTER INSERT ON booking_history
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_commit()`);
    const body = bookingBody(setup, SLOT, { email: 'fatima@example.bh' });
    try {
      const failed = await book(t, body, { 'idempotency-key': 'notices-2' });
      expect(failed.statusCode).toBe(500);
    } finally {
      await t.db.execute(sql`DROP TRIGGER test_refuse_commit ON booking_history`);
      await t.db.execute(sql`DROP FUNCTION test_refuse_commit()`);
    }
    expect(await countAll()).toBe(before);
    const retried = await book(t, body, { 'idempotency-key': 'notices-2' });
    expect(retried.statusCode, retried.body).toBe(201);
    expect((await writtenFor(retried.json().reference)).map((r) => r.what)).toHaveLength(9);
    expect((await book(t, body, { 'idempotency-key': 'notices-2' })).json()).toEqual(retried.json());
  });
});

describe('the booking statement’s notices', () => {
  /** Notices as the features draw them, for a booking that may or may not be inserted. */
  function someNotices(bookingId: string, now: Date): Notices {
    const job = (kind: string, payload: Record<string, unknown>) => ({
      kind,
      payload,
      runAt: now,
      maxAttempts: 5,
      dedupeKey: null,
      createdAt: now,
    });
    const messageId = randomUUID();
    return {
      event: {
        type: 'booking.created',
        eventId: randomUUID(),
        body: '{}',
        createdAt: now,
        job: job('webhook.deliver', {}),
      },
      messages: [
        {
          message: {
            id: messageId,
            jobId: randomUUID(),
            kind: 'confirmation',
            channel: 'sms',
            language: 'en',
            bookingId,
            recipientMasked: '+973 •••• ••34',
            contentSealed: 'sealed',
            dedupeKey: null,
            createdAt: now,
          },
          job: job('message.deliver', { messageId }),
        },
      ],
      jobs: [job('booking.reminder', { bookingId })],
    };
  }

  const key = { scope: 'POST /api/v1/bookings', key: 'statement-test' };

  async function bookIn(tx: Tx, reference: string, cpr: string, catalogueVersion: string | null = null) {
    const now = t.clock.now();
    const id = randomUUID();
    return repo.bookForPerson(
      tx,
      {
        cprHash: `hash-${cpr}`,
        cprCipher: 'sealed',
        name: 'N',
        mobile: '36001234',
        email: null,
        language: 'en',
      },
      { limit: 5 },
      { capacity: 5 },
      {
        id,
        reference,
        centreId: setup.centre.id,
        serviceId: setup.service.id,
        offeringId: setup.offering.id,
        status: 'confirmed',
        startsAt: new Date('2026-12-01T07:30:00Z'),
        endsAt: new Date('2026-12-01T07:45:00Z'),
        channel: 'web',
        contactName: 'N',
        contactMobile: '36001234',
        contactEmail: null,
        language: 'en',
      },
      { tokenHash: randomUUID(), actor: 'citizen', at: now },
      null,
      someNotices(id, now),
      { key, status: 201, body: { reference } },
      catalogueVersion,
    );
  }

  it('writes them, and the key’s answer, only with the booking it inserts: none when the reference was taken', async () => {
    const count = async (tx: Tx) =>
      (
        await queryRows<{ n: string }>(
          tx,
          sql`SELECT (SELECT count(*) FROM messages) || ',' || (SELECT count(*) FROM jobs) || ',' ||
            (SELECT count(*) FROM webhook_deliveries) AS n`,
        )
      )[0]?.n;
    await t.db
      .transaction(async (tx) => {
        // The key as idempotency.run claims it, earlier in the same transaction.
        await tx.execute(sql`INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
          VALUES (${key.scope}, ${key.key}, 'hash', 0, 'null'::jsonb, now())`);
        const answer = async () =>
          (
            await queryRows<{ status: number; body: unknown }>(
              tx,
              sql`SELECT response_status AS status, response_body AS body FROM idempotency_keys
                WHERE scope = ${key.scope} AND key = ${key.key}`,
            )
          )[0];
        const before = await count(tx);
        const first = await bookIn(tx, 'TESTREF1', '1');
        expect(first.booking).toBeDefined();
        expect(first.kept).toBe(true);
        expect(await answer()).toEqual({ status: 201, body: { reference: 'TESTREF1' } });
        const [m, j, d] = (before ?? '').split(',').map(Number);
        expect(await count(tx)).toBe(`${(m ?? 0) + 1},${(j ?? 0) + 3},${(d ?? 0) + 1}`);
        const afterFirst = await count(tx);
        const collided = await bookIn(tx, 'TESTREF1', '2');
        expect(collided).toMatchObject({ held: true, seated: true, booking: undefined, kept: false });
        expect(await count(tx)).toBe(afterFirst);
        expect(await answer()).toEqual({ status: 201, body: { reference: 'TESTREF1' } });
        throw new Error('roll back the test');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back the test'));
  });

  it('writes nothing when the catalogue has moved past the version its slot was read at', async () => {
    const rows = async (tx: Tx) =>
      (
        await queryRows<{ n: string }>(
          tx,
          sql`SELECT (SELECT count(*) FROM customers) || ',' || (SELECT count(*) FROM bookings) || ',' ||
            (SELECT coalesce(sum(booked), 0) FROM slot_loads) || ',' || (SELECT count(*) FROM messages) AS n`,
        )
      )[0]?.n;
    await t.db
      .transaction(async (tx) => {
        const [row] = await queryRows<{ version: string }>(
          tx,
          sql`SELECT version::text AS version FROM catalogue_version`,
        );
        const version = row?.version ?? '';
        const before = await rows(tx);
        const stale = await bookIn(tx, 'TESTREF2', '3', String(Number(version) - 1));
        expect(stale).toEqual({ current: false });
        expect(await rows(tx)).toBe(before);
        const current = await bookIn(tx, 'TESTREF2', '3', version);
        expect(current).toMatchObject({ current: true, held: true, seated: true });
        expect(current.current && current.booking?.reference).toBe('TESTREF2');
        expect(await rows(tx)).not.toBe(before);
        throw new Error('roll back the test');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back the test'));
  });
});
