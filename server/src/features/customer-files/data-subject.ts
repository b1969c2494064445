import { randomBytes } from 'node:crypto';
import type { CustomerExport } from '@mawaeed/core/contracts/customer-files';
import type { Db, Tx } from '../../db/client';
import { type Actor, type AuditedActor, requireStaff, SYSTEM } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { PersonalData } from '../../lib/personal-data';
import type { Audit } from '../audit/service';
import * as repo from './repository';
import {
  accessView,
  bookingView,
  consentView,
  feedbackView,
  followUpView,
  messageView,
  noteView,
  visitView,
} from './views';

/** Files anonymised per retention transaction; the daily run takes them all, batch by batch. */
const RETENTION_BATCH = 200;

/**
 * Data-subject requests (administrators): one person's data as JSON, and its erasure, which
 * keeps the anonymous facts of visits for the statistics. And the retention policy, which
 * anonymises files inactive longer than MAWAEED_RETENTION_MONTHS the same way.
 */
export function createDataSubjectRequests(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  personalData: PersonalData;
  retentionMonths: number;
}) {
  const { db, clock, audit, personalData } = deps;

  async function exportFile(actor: Actor, customerId: string): Promise<CustomerExport> {
    const staff = requireStaff(actor, { roles: ['administrator'] });
    return db.transaction(async (tx) => {
      const customer = await repo.findCustomer(tx, customerId);
      if (!customer) throw new AppError('NOT_FOUND');
      const now = clock.now();
      // An export is an opening of the file, for a data-subject request.
      await repo.insertAccess(tx, { customerId, staffId: staff.id, reason: 'data_subject_request', at: now });
      await audit.record(tx, staff, { action: 'export', entity: 'customer', entityId: customerId });
      const bookings = await repo.listBookings(tx, customerId);
      return {
        exportedAt: now.toISOString(),
        customer: {
          id: customer.id,
          cpr: customer.anonymisedAt ? '' : personalData.decrypt(customer.cprCipher),
          name: customer.name,
          mobile: customer.mobile,
          email: customer.email,
          language: customer.language,
          createdAt: customer.createdAt.toISOString(),
        },
        bookings: bookings.map((b) => ({
          ...bookingView(b),
          contactName: b.contactName,
          contactMobile: b.contactMobile,
        })),
        visits: (await repo.listTickets(tx, customerId)).map(visitView),
        messages: (await repo.listMessages(tx, customerId)).map(messageView),
        feedback: (await repo.listFeedback(tx, customerId)).map(feedbackView),
        followUps: (await repo.listFollowUps(tx, customerId)).map(followUpView),
        notes: (await repo.listNotes(tx, customerId)).map(noteView),
        consents: (await repo.listConsents(tx, customerId)).map(consentView),
        accessLog: (await repo.listAccess(tx, customerId)).map(accessView),
      };
    });
  }

  /** Anonymises one file in `tx`; the audit row names the customer by id only. */
  async function anonymise(tx: Tx, by: AuditedActor, customerId: string, action: 'erase' | 'anonymise') {
    const at = clock.now();
    // A random look-up hash: the same CPR no longer finds this row and books anew as a new customer.
    await repo.anonymiseCustomer(tx, customerId, {
      cprHash: `erased.${randomBytes(24).toString('base64url')}`,
      at,
    });
    await audit.record(tx, by, { action, entity: 'customer', entityId: customerId });
    return at;
  }

  async function erase(actor: Actor, customerId: string) {
    const staff = requireStaff(actor, { roles: ['administrator'] });
    return db.transaction(async (tx) => {
      const customer = await repo.findCustomer(tx, customerId);
      if (!customer) throw new AppError('NOT_FOUND');
      const at = customer.anonymisedAt ?? (await anonymise(tx, staff, customerId, 'erase'));
      return { id: customerId, anonymisedAt: at.toISOString() };
    });
  }

  /** The retention step: anonymises every file inactive since the cutoff; returns how many. */
  async function anonymiseInactive(now: Date) {
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - deps.retentionMonths);
    let total = 0;
    for (;;) {
      const done = await db.transaction(async (tx) => {
        const ids = await repo.listInactiveCustomerIds(tx, cutoff, RETENTION_BATCH);
        for (const id of ids) await anonymise(tx, SYSTEM, id, 'anonymise');
        return ids.length;
      });
      total += done;
      if (done < RETENTION_BATCH) return total;
    }
  }

  return { exportFile, erase, anonymiseInactive };
}
export type DataSubjectRequests = ReturnType<typeof createDataSubjectRequests>;
