import type {
  ConsentCurrent,
  ConsentEvent,
  CustomerNote,
  FileReason,
} from '@mawaeed/core/contracts/customer-files';
import { ConsentKind } from '@mawaeed/core/contracts/customer-files';
import { waitingMinutes } from '@mawaeed/core/kpi/formulas';
import type * as repo from './repository';

type Rows<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** The file's parts as the contract shows them, the same for the staff view and the export. */
export function bookingView(b: Rows<typeof repo.listBookings>[number]) {
  return {
    id: b.id,
    reference: b.reference,
    status: b.status,
    centreId: b.centreId,
    serviceId: b.serviceId,
    start: iso(b.startsAt),
    end: iso(b.endsAt),
    channel: b.channel,
    createdAt: iso(b.createdAt),
  };
}

export function visitView(t: Rows<typeof repo.listTickets>[number]) {
  return {
    ticketId: t.id,
    number: t.number,
    centreId: t.centreId,
    serviceId: t.serviceId,
    bookingId: t.bookingId,
    kind: t.kind,
    status: t.status,
    day: t.day,
    issuedAt: iso(t.issuedAt),
    calledAt: isoOrNull(t.calledAt),
    startedAt: isoOrNull(t.startedAt),
    finishedAt: isoOrNull(t.finishedAt),
    waitingMinutes: waitingMinutes(t),
    counterId: t.counterId,
  };
}

export function messageView(m: Rows<typeof repo.listMessages>[number]) {
  return {
    id: m.id,
    kind: m.kind,
    channel: m.channel,
    status: m.status,
    createdAt: iso(m.createdAt),
    sentAt: isoOrNull(m.sentAt),
  };
}

export function feedbackView(f: Rows<typeof repo.listFeedback>[number]) {
  return {
    id: f.id,
    centreId: f.centreId,
    serviceId: f.serviceId,
    performance: f.performance,
    organisation: f.organisation,
    quality: f.quality,
    comment: f.comment,
    visitedAt: iso(f.visitedAt),
  };
}

export function followUpView(f: Rows<typeof repo.listFollowUps>[number]) {
  return {
    id: f.id,
    feedbackId: f.feedbackId,
    centreId: f.centreId,
    status: f.status,
    note: f.note,
    createdAt: iso(f.createdAt),
    closedAt: isoOrNull(f.closedAt),
  };
}

export function noteView(n: Rows<typeof repo.listNotes>[number]): CustomerNote {
  return { id: n.id, text: n.text, staffId: n.staffId, ticketId: n.ticketId, createdAt: iso(n.createdAt) };
}

export function consentView(c: Rows<typeof repo.listConsents>[number]): ConsentEvent {
  return { kind: c.kind, state: c.state, channel: c.channel, at: iso(c.at), staffId: c.staffId };
}

/** Each kind's latest event; with none, given (the person gave their contact when booking). */
export function currentConsents(history: readonly ConsentEvent[]): ConsentCurrent[] {
  return ConsentKind.options.map((kind) => {
    const latest = history.find((e) => e.kind === kind);
    return latest
      ? { kind, state: latest.state, channel: latest.channel, at: latest.at }
      : { kind, state: 'given', channel: null, at: null };
  });
}

export function accessView(a: Rows<typeof repo.listAccess>[number]) {
  return {
    id: a.id,
    staffId: a.staffId,
    staffName: a.staffName,
    // The table's check constraint holds it to the list.
    reason: a.reason as FileReason,
    at: iso(a.at),
  };
}
