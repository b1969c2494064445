import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../db/client';

export type OutboxFigures = {
  messages: number;
  deliveredOnce: number;
  duplicated: number;
  undelivered: number;
};

type Row = { id: string; status: string; deliveries: number };

async function messageRows(db: Queryable, name: string) {
  return queryRows<Row>(
    db,
    sql`SELECT m.id, m.status, (SELECT count(*)::int FROM dev_inbox d WHERE d.message_id = m.id) AS deliveries
          FROM messages m JOIN bookings b ON b.id = m.booking_id
         WHERE b.contact_name = ${name}`,
  );
}

/** Whether every message owed to the run's bookings has left `pending` (for polling). */
export async function isOutboxSettled(db: Queryable, name: string): Promise<boolean> {
  return (await messageRows(db, name)).every((r) => r.status !== 'pending');
}

/**
 * The outbox after a crash: every confirmed booking of the run owes its confirmation, and each
 * message it owes reached the (dev) transport exactly once and is marked sent.
 */
export async function checkOutbox(db: Queryable, name: string) {
  const rows = await messageRows(db, name);
  const problems: string[] = [];
  const without = await queryRows<{ reference: string }>(
    db,
    sql`SELECT reference FROM bookings b WHERE contact_name = ${name} AND status = 'confirmed'
          AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.booking_id = b.id)`,
  );
  for (const b of without) problems.push(`booking ${b.reference} owes no message`);
  const figures: OutboxFigures = { messages: rows.length, deliveredOnce: 0, duplicated: 0, undelivered: 0 };
  for (const r of rows) {
    if (r.deliveries === 1 && r.status === 'sent') figures.deliveredOnce++;
    else if (r.deliveries > 1) {
      figures.duplicated++;
      problems.push(`message ${r.id} delivered ${r.deliveries} times`);
    } else {
      figures.undelivered++;
      problems.push(`message ${r.id} is ${r.status} with ${r.deliveries} deliveries`);
    }
  }
  return { figures, problems };
}
