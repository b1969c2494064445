import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { parseReference } from '@mawaeed/core/booking/reference';
import type { Language } from '@mawaeed/core/contracts/common';
import type { VerificationCreate, VerificationCreated } from '@mawaeed/core/contracts/verifications';
import type { Db, Tx } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { PersonalData } from '../../lib/personal-data';
import type { Messages } from '../messages/service';
import * as repo from './repository';
import { CODE_POLICY, checkCodeQuota } from './rules';

export type Purpose = 'book' | 'manage';
export type VerificationAnswer = { id: string; code: string };
/** The contact of a booking by reference, supplied by the bookings feature (app.ts). */
export type FindBookingContact = (
  reference: string,
) => Promise<{ mobile: string; language: Language } | undefined>;

/**
 * One-time codes by SMS. A code proves the person holds a mobile: `book` codes for booking
 * with that mobile, `manage` codes for opening a booking of that mobile without its token.
 */
export function createVerifications(deps: {
  db: Db;
  clock: Clock;
  personalData: PersonalData;
  messages: Messages;
  findBookingContact: FindBookingContact;
  dailyCap: number;
}) {
  const { db, clock, personalData, messages } = deps;
  const mobileHash = (mobile: string) => personalData.lookupHash(`mobile:${mobile}`);
  const codeHash = (id: string, code: string) => personalData.lookupHash(`otp:${id}:${code}`);

  /** Where the code goes: the given mobile, or the mobile of the booking with that reference. */
  async function recipientOf(input: VerificationCreate, language: Language) {
    if ('mobile' in input) return { subject: mobileHash(input.mobile), mobile: input.mobile, language };
    const reference = parseReference(input.reference);
    const contact = reference ? await deps.findBookingContact(reference) : undefined;
    if (!contact) return { subject: personalData.lookupHash(`reference:${reference ?? input.reference}`) };
    return { subject: mobileHash(contact.mobile), mobile: contact.mobile, language: contact.language };
  }

  async function requestCode(input: VerificationCreate, language: Language): Promise<VerificationCreated> {
    const to = await recipientOf(input, language);
    const now = clock.now();
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + CODE_POLICY.validMs);
    await db.transaction(async (tx) => {
      await repo.lockSubject(tx, to.subject);
      const since = new Date(now.getTime() - CODE_POLICY.dailyWindowMs);
      const quota = checkCodeQuota(await repo.listSentSince(tx, to.subject, since), {
        now,
        dailyCap: deps.dailyCap,
      });
      if (!quota.ok) throw new AppError('RATE_LIMITED', { retryAfter: quota.retryAfterSeconds });
      await repo.insertVerification(tx, {
        id,
        purpose: input.purpose,
        subjectHash: to.subject,
        mobileHash: to.mobile ? mobileHash(to.mobile) : null,
        // Unknown reference: a row like any other, whose code was never sent and never matches.
        codeHash: to.mobile ? codeHash(id, code) : codeHash(id, randomUUID()),
        expiresAt,
        createdAt: now,
      });
      if (to.mobile)
        await messages.queueVerificationCode(tx, { mobile: to.mobile, code, language: to.language });
    });
    return { id, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Checks an answer for a purpose and mobile, counting the try whatever its result (committed
   * at once, so a failing request cannot undo it). The code stays unused until `consume`.
   */
  async function check(
    answer: VerificationAnswer | undefined,
    expected: { purpose: Purpose; mobile?: string },
  ) {
    if (!answer) throw new AppError('VERIFICATION_REQUIRED');
    const row = await repo.takeTry(db, answer.id, clock.now(), CODE_POLICY.maxTries);
    const matches =
      row !== undefined &&
      expected.mobile !== undefined &&
      row.purpose === expected.purpose &&
      row.mobileHash === mobileHash(expected.mobile) &&
      timingSafeEqual(Buffer.from(row.codeHash), Buffer.from(codeHash(answer.id, answer.code)));
    if (!matches) throw new AppError('VERIFICATION_FAILED');
  }

  /** Uses a checked code up in the transaction of what it allowed. */
  async function consume(tx: Tx, answer: VerificationAnswer) {
    if (!(await repo.markUsed(tx, answer.id, clock.now()))) throw new AppError('VERIFICATION_FAILED');
  }

  /**
   * Codes no one can use any more and no limit still counts: past their expiry and older than
   * the daily cap's window (the retention purge).
   */
  async function purgeExpired() {
    const now = clock.now().getTime();
    return repo.deleteBefore(db, new Date(Math.min(now, now - CODE_POLICY.dailyWindowMs)));
  }

  return { requestCode, check, consume, purgeExpired };
}
export type Verifications = ReturnType<typeof createVerifications>;
