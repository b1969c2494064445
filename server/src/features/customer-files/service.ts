import { parseReference } from '@mawaeed/core/booking/reference';
import type {
  ConsentSet,
  CustomerFile,
  CustomerFileOpen,
  CustomerSearch,
  OwnConsentSet,
} from '@mawaeed/core/contracts/customer-files';
import { BAHRAIN } from '@mawaeed/core/country/profile';
import { type NoShowRule, noShowStanding } from '@mawaeed/core/customer/no-shows';
import type { Db, Queryable } from '../../db/client';
import { type Actor, requireStaff, type StaffActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { PersonalData } from '../../lib/personal-data';
import type { Audit } from '../audit/service';
import * as repo from './repository';
import {
  accessView,
  bookingView,
  consentView,
  currentConsents,
  feedbackView,
  followUpView,
  messageView,
  noteView,
  visitView,
} from './views';

const country = BAHRAIN;
/** Who opens customer files: administrators (every file) and centre managers (their centres' customers). */
export const FILE_ROLES = ['administrator', 'centre_manager'] as const;

export type CustomerFilesDeps = {
  db: Db;
  clock: Clock;
  audit: Audit;
  personalData: PersonalData;
  noShow: NoShowRule;
  /** The booking a manage token opens (late-bound: the bookings service is built after this one). */
  findOwnBooking?: () => (reference: string, token: string | undefined) => Promise<{ customerId: string }>;
};

/**
 * The customer file as staff use it: found by one key, opened with a reason (logged in the same
 * transaction), annotated, and its consents set. Data-subject requests live in data-subject.ts.
 */
export function createCustomerFiles(deps: CustomerFilesDeps) {
  const { db, clock, audit, personalData } = deps;

  /** The file's customer, or 404 when it does not exist or is not the manager's to see. */
  async function requireReachable(q: Queryable, staff: StaffActor, customerId: string) {
    const customer = await repo.findCustomer(q, customerId);
    if (!customer) throw new AppError('NOT_FOUND');
    if (staff.role !== 'administrator') {
      const reachable = await repo.filterReachable(q, [customer.id], staff.centreIds);
      if (!reachable.has(customer.id)) throw new AppError('NOT_FOUND');
    }
    return customer;
  }

  function readCpr(customer: repo.CustomerRow) {
    return customer.anonymisedAt ? '' : personalData.decrypt(customer.cprCipher);
  }

  async function search(actor: Actor, input: CustomerSearch) {
    const staff = requireStaff(actor, { roles: FILE_ROLES });
    let rows: Awaited<ReturnType<typeof repo.findByMobile>> = [];
    if ('cpr' in input) rows = await repo.findByCprHash(db, personalData.lookupHash(input.cpr));
    else if ('mobile' in input) rows = await repo.findByMobile(db, input.mobile);
    else {
      const reference = parseReference(input.reference);
      rows = reference ? await repo.findByReference(db, reference) : [];
    }
    if (staff.role !== 'administrator') {
      const reachable = await repo.filterReachable(
        db,
        rows.map((r) => r.customer.id),
        staff.centreIds,
      );
      rows = rows.filter((r) => reachable.has(r.customer.id));
    }
    return {
      items: rows.map(({ customer, lastActivityAt }) => ({
        id: customer.id,
        name: customer.name,
        cprMasked: country.maskNationalId(readCpr(customer)),
        mobileMasked: customer.mobile ? country.maskMobile(customer.mobile) : '',
        language: customer.language,
        lastActivityAt: lastActivityAt ? lastActivityAt.toISOString() : null,
      })),
    };
  }

  /** Everything in the file, read in `q` (the opening's transaction). */
  async function readFile(
    q: Queryable,
    customer: repo.CustomerRow,
    staff: StaffActor,
  ): Promise<CustomerFile> {
    const [allBookings, allTickets, allMessages, allFeedback, allFollowUps, notes, consents] =
      await Promise.all([
        repo.listBookings(q, customer.id),
        repo.listTickets(q, customer.id),
        repo.listMessages(q, customer.id),
        repo.listFeedback(q, customer.id),
        repo.listFollowUps(q, customer.id),
        repo.listNotes(q, customer.id),
        repo.listConsents(q, customer.id),
      ]);
    const now = clock.now();
    // The standing counts every centre: the booking limit it explains is national.
    const standing = noShowStanding(
      allBookings.filter((b) => b.status === 'no_show').map((b) => b.startsAt),
      { now, rule: deps.noShow },
    );
    // A centre manager sees what happened at their own centres only, as everywhere else.
    const mine = <T extends { centreId: string }>(rows: T[]) =>
      staff.role === 'administrator' ? rows : rows.filter((r) => staff.centreIds.includes(r.centreId));
    const bookings = mine(allBookings);
    const tickets = mine(allTickets);
    const feedback = mine(allFeedback);
    const followUps = mine(allFollowUps);
    const shownBookings = new Set(bookings.map((b) => b.id));
    const messages = allMessages.filter((m) => m.bookingId !== null && shownBookings.has(m.bookingId));
    const cpr = readCpr(customer);
    const history = consents.map(consentView);
    return {
      id: customer.id,
      contact: {
        name: customer.name,
        cpr: staff.role === 'administrator' ? cpr : country.maskNationalId(cpr),
        cprMasked: staff.role !== 'administrator',
        mobileMasked: customer.mobile ? country.maskMobile(customer.mobile) : '',
        email: customer.email,
        language: customer.language,
      },
      createdAt: customer.createdAt.toISOString(),
      anonymisedAt: customer.anonymisedAt ? customer.anonymisedAt.toISOString() : null,
      bookings: bookings.map(bookingView),
      visits: tickets.map(visitView),
      noShows: {
        count: standing.count,
        limit: deps.noShow.limit,
        windowDays: deps.noShow.days,
        policy: deps.noShow.policy,
        limitLiftsAt: standing.limitLiftsAt ? standing.limitLiftsAt.toISOString() : null,
      },
      messages: messages.map(messageView),
      feedback: feedback.map(feedbackView),
      followUps: followUps.map(followUpView),
      notes: notes.map(noteView),
      consents: { current: currentConsents(history), history },
    };
  }

  /** Opens a file: the access row (who, whose, why, when) commits with the read or not at all. */
  async function openFile(actor: Actor, customerId: string, input: CustomerFileOpen) {
    const staff = requireStaff(actor, { roles: FILE_ROLES });
    return db.transaction(async (tx) => {
      const customer = await requireReachable(tx, staff, customerId);
      await repo.insertAccess(tx, { customerId, staffId: staff.id, reason: input.reason, at: clock.now() });
      return readFile(tx, customer, staff);
    });
  }

  async function listAccess(actor: Actor, customerId: string) {
    requireStaff(actor, { roles: ['administrator'] });
    if (!(await repo.findCustomer(db, customerId))) throw new AppError('NOT_FOUND');
    return { items: (await repo.listAccess(db, customerId)).map(accessView) };
  }

  async function addNote(actor: Actor, customerId: string, text: string) {
    const staff = requireStaff(actor, { roles: FILE_ROLES });
    return db.transaction(async (tx) => {
      await requireReachable(tx, staff, customerId);
      const note = await repo.insertNote(tx, { customerId, staffId: staff.id, text, createdAt: clock.now() });
      await audit.record(tx, staff, {
        action: 'create',
        entity: 'customer_note',
        entityId: note.id,
        after: { customerId },
      });
      return noteView(note);
    });
  }

  async function setConsent(actor: Actor, customerId: string, input: ConsentSet) {
    const staff = requireStaff(actor, { roles: FILE_ROLES });
    return db.transaction(async (tx) => {
      await requireReachable(tx, staff, customerId);
      await recordConsent(tx, staff, customerId, input);
      return consentsOf(tx, customerId);
    });
  }

  /** A consent event recorded by staff, audited by customer id only; the caller checked who may. */
  async function recordConsent(
    tx: Queryable,
    staff: StaffActor,
    customerId: string,
    input: ConsentSet,
    centreId?: string,
  ) {
    await repo.insertConsent(tx, {
      customerId,
      kind: input.kind,
      state: input.state,
      channel: input.channel,
      staffId: staff.id,
      at: clock.now(),
    });
    await audit.record(tx, staff, {
      action: 'update',
      entity: 'customer_consent',
      entityId: customerId,
      ...(centreId ? { centreId } : {}),
      after: { kind: input.kind, state: input.state, channel: input.channel },
    });
  }

  /** The person's consents: each kind's current state, and every event newest first. */
  async function consentsOf(q: Queryable, customerId: string) {
    const history = (await repo.listConsents(q, customerId)).map(consentView);
    return { current: currentConsents(history), history };
  }

  /** The person's own consents, through a booking's manage token. */
  async function ownerOf(reference: string, token: string | undefined) {
    const find = deps.findOwnBooking?.();
    if (!find) throw new AppError('NOT_FOUND');
    return (await find(reference, token)).customerId;
  }

  async function listOwnConsents(reference: string, token: string | undefined) {
    const customerId = await ownerOf(reference, token);
    return { current: (await consentsOf(db, customerId)).current };
  }

  async function setOwnConsent(reference: string, token: string | undefined, input: OwnConsentSet) {
    const customerId = await ownerOf(reference, token);
    await repo.insertConsent(db, { ...input, customerId, channel: 'manage', staffId: null, at: clock.now() });
    return { current: (await consentsOf(db, customerId)).current };
  }

  /** The kinds of contact this person has withdrawn (each kind's latest choice wins). */
  async function withdrawnConsents(q: Queryable, customerId: string): Promise<Set<ConsentSet['kind']>> {
    const latest = new Map<ConsentSet['kind'], string>();
    for (const c of await repo.listConsents(q, customerId))
      if (!latest.has(c.kind)) latest.set(c.kind, c.state);
    return new Set([...latest].filter(([, state]) => state === 'withdrawn').map(([kind]) => kind));
  }

  return {
    search,
    openFile,
    readFile,
    listAccess,
    addNote,
    setConsent,
    listOwnConsents,
    setOwnConsent,
    withdrawnConsents,
    recordConsent,
    consentsOf,
    requireReachable,
  };
}
export type CustomerFiles = ReturnType<typeof createCustomerFiles>;
