import type { Bilingual } from '@mawaeed/core/schedule/types';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { centres, services } from './schema';

const at = () => timestamp({ withTimezone: true });

export const STAFF_ROLES = ['administrator', 'centre_manager', 'counter_agent', 'receptionist'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staff = pgTable(
  'staff',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Lower-cased on the way in, so sign-in and uniqueness ignore case. */
    email: text().notNull().unique(),
    name: text().notNull(),
    role: text({ enum: STAFF_ROLES }).notNull(),
    /** argon2id, PHC string. */
    passwordHash: text().notNull(),
    active: boolean().notNull().default(true),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    check(
      'staff_role',
      sql`${t.role} IN ('administrator', 'centre_manager', 'counter_agent', 'receptionist')`,
    ),
  ],
);

/** The centres a staff member works for; administrators need none (they reach all). */
export const staffCentres = pgTable(
  'staff_centres',
  {
    staffId: uuid()
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    centreId: uuid()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.centreId] }), index().on(t.centreId)],
);

/** Server-side sessions; the cookie holds a random id of which only the SHA-256 is kept. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique(),
    staffId: uuid()
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    createdAt: at().notNull(),
    lastSeenAt: at().notNull(),
    /** The absolute end, whatever the activity. */
    expiresAt: at().notNull(),
  },
  (t) => [index().on(t.staffId), index().on(t.expiresAt)],
);

/**
 * Failed sign-ins per key ('account:<hash of email>' or 'address:<ip>') within a window; a key
 * that reaches the limit is locked until `lockedUntil`. Kept in the database so every instance
 * sees the same count.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: at().notNull(),
  lockedUntil: at(),
});

export const DEVICE_KINDS = ['kiosk', 'board'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** A kiosk or hall board of one centre, on a long-lived revocable bearer token (hash only). */
export const devices = pgTable(
  'devices',
  {
    id: uuid().primaryKey().defaultRandom(),
    centreId: uuid()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    kind: text({ enum: DEVICE_KINDS }).notNull(),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    createdBy: uuid().references(() => staff.id, { onDelete: 'set null' }),
    createdAt: at().notNull(),
    lastSeenAt: at(),
    revokedAt: at(),
  },
  (t) => [index().on(t.centreId), check('devices_kind', sql`${t.kind} IN ('kiosk', 'board')`)],
);

/** A desk of a centre and the services it serves. */
export const counters = pgTable(
  'counters',
  {
    id: uuid().primaryKey().defaultRandom(),
    centreId: uuid()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    name: jsonb().$type<Bilingual>().notNull(),
    active: boolean().notNull().default(true),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('counters_centre_number').on(t.centreId, t.number),
    check('counters_number', sql`${t.number} > 0`),
  ],
);

export const counterServices = pgTable(
  'counter_services',
  {
    counterId: uuid()
      .notNull()
      .references(() => counters.id, { onDelete: 'cascade' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.counterId, t.serviceId] })],
);

/**
 * Every change made by staff, appended in the change's own transaction. A trigger refuses
 * UPDATE and DELETE. No foreign keys: the log outlives what it describes. Customers appear by
 * id only, never by CPR, phone, name or note.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: at().notNull(),
    actorKind: text().notNull(),
    actorId: uuid(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    centreId: uuid(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [
    index().on(t.at),
    index().on(t.actorId, t.at),
    index().on(t.entity, t.entityId),
    index().on(t.centreId, t.at),
  ],
);
