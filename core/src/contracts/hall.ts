import { z } from 'zod';
import { TICKET_STATUSES } from '../queue/ticket-status';
import { Cpr } from './bookings';
import { Bilingual, Id, Instant } from './common';

/** Priority at check-in; staff-only, never on a public screen or event. */
export const PriorityCategory = z.enum(['senior', 'disability', 'pregnancy']);
export type PriorityCategory = z.infer<typeof PriorityCategory>;

export const TicketStatus = z.enum(TICKET_STATUSES);
export const TicketKind = z.enum(['appointment', 'walk_in']);

export const CounterParams = z.strictObject({ counterId: Id });
export const CounterTicketParams = z.strictObject({ counterId: Id, ticketId: Id });
export const LiveTicketParams = z.strictObject({ token: z.string().min(16).max(64) });

/**
 * A check-in by the booking's reference (typed, or the QR code's content, which is the
 * reference) or by CPR (today's booking at this centre). The CPR travels in the body only.
 */
export const CheckInCreate = z
  .strictObject({
    reference: z.string().min(1).max(64).optional(),
    cpr: Cpr.optional(),
    /** Set by a receptionist; a kiosk may not (it cannot see who stands in front of it). */
    priority: PriorityCategory.optional(),
  })
  .refine((b) => (b.reference === undefined) !== (b.cpr === undefined), {
    message: 'Send either reference or cpr',
    path: ['reference'],
  });
export type CheckInCreate = z.infer<typeof CheckInCreate>;

export const WalkInCreate = z.strictObject({ serviceId: Id, priority: PriorityCategory.optional() });
export type WalkInCreate = z.infer<typeof WalkInCreate>;

/** A ticket as the desk or kiosk that issued it sees it: what the printed ticket shows. */
export const IssuedTicket = z.object({
  id: Id,
  number: z.string(),
  centreId: Id,
  serviceId: Id,
  serviceName: Bilingual,
  kind: TicketKind,
  status: TicketStatus,
  issuedAt: Instant,
  appointmentStart: Instant.nullable(),
  peopleAhead: z.number().int().nullable(),
  estimatedWaitMinutes: z.number().int().nullable(),
  /** Only for staff desks; null on a kiosk's answer. */
  priority: PriorityCategory.nullable(),
  liveToken: z.string(),
  /** The citizen's live ticket page (print it as a QR code). */
  liveUrl: z.string(),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

export const CheckInResult = z.object({
  ticket: IssuedTicket,
  /** True when this booking was already checked in: the same ticket again, nothing new issued. */
  alreadyCheckedIn: z.boolean(),
});
export type CheckInResult = z.infer<typeof CheckInResult>;

/** The check-in window sent with CHECK_IN_TOO_EARLY / CHECK_IN_TOO_LATE. */
export const CheckInWindowProblem = z.object({
  window: z.object({ opensAt: Instant, closesAt: Instant }),
  /** Late arrivals: whether a walk-in ticket for the same service can be issued now. */
  walkInAvailable: z.boolean(),
  /** The booking's service: the walk-in to offer. */
  serviceId: Id,
});

/** A ticket as counter staff see it, with its appointment when it has one. */
export const StaffTicket = z.object({
  id: Id,
  number: z.string(),
  serviceId: Id,
  kind: TicketKind,
  status: TicketStatus,
  priority: PriorityCategory.nullable(),
  issuedAt: Instant,
  queuedAt: Instant,
  calledAt: Instant.nullable(),
  startedAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  counterId: Id.nullable(),
  customerId: Id.nullable(),
  appointment: z
    .object({
      reference: z.string(),
      start: Instant,
      end: Instant,
      customerName: z.string(),
      mobileMasked: z.string(),
      language: z.enum(['en', 'ar']),
    })
    .nullable(),
});
export type StaffTicket = z.infer<typeof StaffTicket>;

/**
 * A ticket just served, with its visit's one-use feedback link (null when no invitation was made),
 * for the counter's tablet: shown as a QR code or opened there for the person still at the counter.
 */
export const FinishedTicket = StaffTicket.extend({ feedbackLink: z.string().nullable() });
export type FinishedTicket = z.infer<typeof FinishedTicket>;

export const CounterSession = z.object({
  id: Id,
  counterId: Id,
  staffId: Id,
  openedAt: Instant,
  closedAt: Instant.nullable(),
});
export type CounterSession = z.infer<typeof CounterSession>;

export const QueueEntry = z.object({
  id: Id,
  number: z.string(),
  kind: TicketKind,
  priority: PriorityCategory.nullable(),
  appointmentStart: Instant.nullable(),
  queuedAt: Instant,
  waitedMinutes: z.number().int(),
});

/** What a counter console shows: its session, its current ticket, and its queues in call order. */
export const CounterConsole = z.object({
  counter: z.object({
    id: Id,
    centreId: Id,
    number: z.number().int(),
    name: Bilingual,
    serviceIds: z.array(Id),
  }),
  session: CounterSession.nullable(),
  current: StaffTicket.nullable(),
  waiting: z.array(
    z.object({
      serviceId: Id,
      serviceName: Bilingual,
      count: z.number().int(),
      tickets: z.array(QueueEntry),
    }),
  ),
});
export type CounterConsole = z.infer<typeof CounterConsole>;

/** A counter an agent may pick, and whether it is open now (by them or by someone else). */
export const CounterChoice = z.object({
  id: Id,
  centreId: Id,
  number: z.number().int(),
  name: Bilingual,
  serviceIds: z.array(Id),
  openedBy: z.enum(['me', 'someone_else']).nullable(),
});
export const CounterChoiceList = z.object({ items: z.array(CounterChoice) });
export type CounterChoiceList = z.infer<typeof CounterChoiceList>;

export const CallNextResult = z.object({ ticket: StaffTicket.nullable() });
export const TransferCreate = z.strictObject({ serviceId: Id });
export const NoteCreate = z.strictObject({ text: z.string().trim().min(1).max(500) });
export const NoteCreated = z.object({ id: Id, createdAt: Instant });

export const WaitingCount = z.object({
  serviceId: Id,
  letter: z.string(),
  name: Bilingual,
  waiting: z.number().int(),
});

export const PublicCall = z.object({
  number: z.string(),
  serviceId: Id,
  counter: z.object({ number: z.number().int(), name: Bilingual }),
  at: Instant,
});

/** The hall as a board shows it: the `snapshot` event and GET …/hall. No personal data. */
export const HallSnapshot = z.object({
  centreId: Id,
  at: Instant,
  waitingNow: z.number().int(),
  services: z.array(WaitingCount),
  /** The latest calls, newest first. */
  calls: z.array(PublicCall),
  /** The id of the last hall event included; resume the stream after it. */
  lastEventId: z.string().nullable(),
});
export type HallSnapshot = z.infer<typeof HallSnapshot>;

export const CentreWaiting = z.object({
  items: z.array(z.object({ centreId: Id, waitingNow: z.number().int() })),
});

/** The citizen's live ticket page. */
export const LiveTicket = z.object({
  number: z.string(),
  centreId: Id,
  centreName: Bilingual,
  serviceId: Id,
  serviceName: Bilingual,
  status: TicketStatus,
  issuedAt: Instant,
  /** 1 = next; null once called or done. */
  position: z.number().int().nullable(),
  peopleAhead: z.number().int().nullable(),
  estimatedWaitMinutes: z.number().int().nullable(),
  /** Where to go, once called. */
  counter: z.object({ number: z.number().int(), name: Bilingual }).nullable(),
  calledAt: Instant.nullable(),
  /** How often to ask again while waiting. */
  pollSeconds: z.number().int(),
});
export type LiveTicket = z.infer<typeof LiveTicket>;
