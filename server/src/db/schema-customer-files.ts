import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { customers } from './schema';

const at = () => timestamp({ withTimezone: true });

/**
 * Consent events, appended: given or withdrawn, per kind, with when and through which channel.
 * The current state of a kind is its latest event; with none yet it counts as given (the person
 * gave their contact when booking).
 */
export const customerConsents = pgTable(
  'customer_consents',
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['sms_reminders', 'email', 'feedback_invitations'] }).notNull(),
    state: text({ enum: ['given', 'withdrawn'] }).notNull(),
    channel: text({ enum: ['booking', 'counter', 'manage', 'staff'] }).notNull(),
    /** No foreign key: the event outlives the staff account. */
    staffId: uuid(),
    at: at().notNull(),
  },
  (t) => [
    index().on(t.customerId, t.at),
    check('customer_consents_kind', sql`${t.kind} IN ('sms_reminders', 'email', 'feedback_invitations')`),
    check('customer_consents_state', sql`${t.state} IN ('given', 'withdrawn')`),
    check('customer_consents_channel', sql`${t.channel} IN ('booking', 'counter', 'manage', 'staff')`),
  ],
);

/**
 * Every opening of a customer file: who, whose, why and when, written in the opening's own
 * transaction. Holds ids and a reason code only, so it stays whole after an erasure.
 */
export const customerFileAccess = pgTable(
  'customer_file_access',
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    staffId: uuid(),
    reason: text().notNull(),
    at: at().notNull(),
  },
  (t) => [
    index().on(t.customerId, t.at),
    check(
      'customer_file_access_reason',
      sql`${t.reason} IN ('counter_enquiry', 'complaint', 'data_subject_request', 'correction', 'audit')`,
    ),
  ],
);
