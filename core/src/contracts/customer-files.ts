import { z } from 'zod';
import { Booking, Cpr, Mobile } from './bookings';
import { Id, Instant, Language } from './common';
import { MessageChannel, MessageStatus } from './messages';

/**
 * The customer file: what the ministry knows of one person, opened by staff only through a
 * search and a stated reason (every opening is logged). Personal data travels only in bodies,
 * never in URLs.
 */

export const ConsentKind = z.enum(['sms_reminders', 'email', 'feedback_invitations']);
export type ConsentKind = z.infer<typeof ConsentKind>;
export const ConsentState = z.enum(['given', 'withdrawn']);
export type ConsentState = z.infer<typeof ConsentState>;
/** Where the person gave or withdrew it: while booking, at the counter, on the manage page, or told staff. */
export const ConsentChannel = z.enum(['booking', 'counter', 'manage', 'staff']);
export type ConsentChannel = z.infer<typeof ConsentChannel>;

/** Why staff open a file; the access log keeps it. */
export const FileReason = z.enum([
  'counter_enquiry',
  'complaint',
  'data_subject_request',
  'correction',
  'audit',
]);
export type FileReason = z.infer<typeof FileReason>;

export const NoShowPolicy = z.enum(['off', 'warn', 'block']);
export type NoShowPolicy = z.infer<typeof NoShowPolicy>;

/** Exactly one key. `POST /api/v1/staff/customers/search`. */
export const CustomerSearch = z.union([
  z.strictObject({ cpr: Cpr }),
  z.strictObject({ reference: z.string().trim().min(1).max(32) }),
  z.strictObject({ mobile: Mobile }),
]);
export type CustomerSearch = z.infer<typeof CustomerSearch>;

export const CustomerMatch = z.object({
  id: Id,
  name: z.string(),
  cprMasked: z.string(),
  mobileMasked: z.string(),
  language: Language,
  lastActivityAt: Instant.nullable(),
});
export type CustomerMatch = z.infer<typeof CustomerMatch>;
export const CustomerSearchResult = z.object({ items: z.array(CustomerMatch) });

export const CustomerParams = z.strictObject({ customerId: Id });

/** `POST /api/v1/staff/customers/{customerId}/open`. */
export const CustomerFileOpen = z.strictObject({ reason: FileReason });
export type CustomerFileOpen = z.infer<typeof CustomerFileOpen>;

export const ConsentEvent = z.object({
  kind: ConsentKind,
  state: ConsentState,
  channel: ConsentChannel,
  at: Instant,
  /** The staff member who recorded it (channel staff or counter), else null. */
  staffId: Id.nullable(),
});
export type ConsentEvent = z.infer<typeof ConsentEvent>;

/** The current state of one consent: its latest event; with no event yet it counts as given. */
export const ConsentCurrent = z.object({
  kind: ConsentKind,
  state: ConsentState,
  channel: ConsentChannel.nullable(),
  at: Instant.nullable(),
});
export type ConsentCurrent = z.infer<typeof ConsentCurrent>;

export const CustomerConsents = z.object({
  current: z.array(ConsentCurrent),
  /** Every event, newest first. */
  history: z.array(ConsentEvent),
});

/** `POST /api/v1/staff/customers/{customerId}/consents`. */
export const ConsentSet = z.strictObject({
  kind: ConsentKind,
  state: ConsentState,
  channel: z.enum(['counter', 'staff']).default('staff'),
});
export type ConsentSet = z.infer<typeof ConsentSet>;

export const FileBooking = Booking.omit({ customer: true }).extend({
  id: Id,
  channel: z.string(),
  createdAt: Instant,
});

export const FileVisit = z.object({
  ticketId: Id,
  number: z.string(),
  centreId: Id,
  serviceId: Id,
  bookingId: Id.nullable(),
  kind: z.enum(['appointment', 'walk_in']),
  status: z.enum(['waiting', 'called', 'serving', 'served', 'no_show', 'transferred']),
  day: z.string(),
  issuedAt: Instant,
  calledAt: Instant.nullable(),
  startedAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  /** From joining the queue to the call; null until called. */
  waitingMinutes: z.number().nullable(),
  counterId: Id.nullable(),
});

/** A message as the file shows it: never its content or recipient. */
export const FileMessage = z.object({
  id: Id,
  kind: z.string(),
  channel: MessageChannel,
  status: MessageStatus,
  createdAt: Instant,
  sentAt: Instant.nullable(),
});

export const FileFeedback = z.object({
  id: Id,
  centreId: Id,
  serviceId: Id,
  performance: z.number().int(),
  organisation: z.number().int(),
  quality: z.number().int(),
  /** Plain text, to be shown as text; null when none was given or after erasure. */
  comment: z.string().nullable(),
  visitedAt: Instant,
});

export const FileFollowUp = z.object({
  id: Id,
  feedbackId: Id,
  centreId: Id,
  status: z.enum(['open', 'closed']),
  note: z.string().nullable(),
  createdAt: Instant,
  closedAt: Instant.nullable(),
});

export const CustomerNote = z.object({
  id: Id,
  text: z.string(),
  staffId: Id.nullable(),
  ticketId: Id.nullable(),
  createdAt: Instant,
});
export type CustomerNote = z.infer<typeof CustomerNote>;

/** `POST /api/v1/staff/customers/{customerId}/notes`. */
export const CustomerNoteCreate = z.strictObject({ text: z.string().trim().min(1).max(2000) });

export const NoShowStanding = z.object({
  /** No-shows (bookings and tickets) in the last `windowDays` days. */
  count: z.number().int(),
  limit: z.number().int(),
  windowDays: z.number().int(),
  policy: NoShowPolicy,
  /** When the count falls below the limit again; null while under it. */
  limitLiftsAt: Instant.nullable(),
});
export type NoShowStanding = z.infer<typeof NoShowStanding>;

export const CustomerFile = z.object({
  id: Id,
  contact: z.object({
    name: z.string(),
    /** Masked (•••••6789) except for administrators. */
    cpr: z.string(),
    cprMasked: z.boolean(),
    mobileMasked: z.string(),
    /** Shown as given; null when none. */
    email: z.string().nullable(),
    language: Language,
  }),
  createdAt: Instant,
  /** Set once the file was anonymised (data-subject request or retention). */
  anonymisedAt: Instant.nullable(),
  bookings: z.array(FileBooking),
  visits: z.array(FileVisit),
  noShows: NoShowStanding,
  messages: z.array(FileMessage),
  feedback: z.array(FileFeedback),
  followUps: z.array(FileFollowUp),
  notes: z.array(CustomerNote),
  consents: CustomerConsents,
});
export type CustomerFile = z.infer<typeof CustomerFile>;

export const FileAccess = z.object({
  id: Id,
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  reason: FileReason,
  at: Instant,
});
/** `GET /api/v1/staff/customers/{customerId}/access-log` (administrators). */
export const FileAccessLog = z.object({ items: z.array(FileAccess) });

/**
 * `POST /api/v1/staff/customers/{customerId}/export` (administrators, data-subject request):
 * the whole file with the CPR and mobile in full, sent as a JSON download.
 */
export const CustomerExport = z.object({
  exportedAt: Instant,
  customer: z.object({
    id: Id,
    cpr: z.string(),
    name: z.string(),
    mobile: z.string(),
    email: z.string().nullable(),
    language: Language,
    createdAt: Instant,
  }),
  bookings: z.array(FileBooking.extend({ contactName: z.string(), contactMobile: z.string() })),
  visits: z.array(FileVisit),
  messages: z.array(FileMessage),
  feedback: z.array(FileFeedback),
  followUps: z.array(FileFollowUp),
  notes: z.array(CustomerNote),
  consents: z.array(ConsentEvent),
  accessLog: z.array(FileAccess),
});
export type CustomerExport = z.infer<typeof CustomerExport>;

/** `POST /api/v1/staff/customers/{customerId}/erase` (administrators, data-subject request). */
export const CustomerErase = z.strictObject({ confirm: z.literal(true) });
export const CustomerErased = z.object({ id: Id, anonymisedAt: Instant });

/**
 * The person's own consents, on the manage page: `GET /api/v1/bookings/{reference}/consents` and
 * `POST` the same with `{ kind, state }` (manage token in `Authorization: Bearer`); channel `manage`.
 */
export const OwnConsentSet = z.strictObject({ kind: ConsentKind, state: ConsentState });
export type OwnConsentSet = z.infer<typeof OwnConsentSet>;
export const OwnConsents = z.object({ current: z.array(ConsentCurrent) });
export type OwnConsents = z.infer<typeof OwnConsents>;
