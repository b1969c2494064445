import { createHash } from 'node:crypto';
import type { Language } from '@mawaeed/core/contracts/common';
import type { ErrorCode } from '@mawaeed/core/contracts/errors';
import { type Db, type Opening, type Tx, transactionOpenedWith } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { problemBody } from '../../lib/problem';
import * as repo from './repository';

const KEPT_MS = 24 * 60 * 60 * 1000;

/** Outcomes that are the request's own answer, so a retry must get them again. */
const REPLAYED_FAILURES = new Set<ErrorCode>([
  'SLOT_FULL',
  'PERSON_LIMIT',
  'SLOT_NOT_FOUND',
  'SLOT_IN_PAST',
  'OUTSIDE_BOOKING_WINDOW',
  'BOOKING_NOT_CHANGEABLE',
]);

export type IdempotentRequest = { scope: string; key: string; body: unknown; language: Language };
export type Outcome<T> = { status: number; body: T; replayed: boolean };
/** The key a request's answer is kept under (scope and key). */
export type AnswerKey = repo.KeyRef;
/**
 * What a write returns to `run`: its answer, and `kept: true` when its own statement has already
 * stored exactly that answer under the key `run` gave it (a booking does, in one round trip).
 */
export type Answer<T> = { status: number; body: T; kept?: boolean };

/** JSON with object keys sorted at every depth, so key order never changes the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashRequest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

/**
 * Runs a write at most once per Idempotency-Key: the key, the change and the stored answer
 * commit together; a replay gets the original status and body; another body with the same key
 * is refused with IDEMPOTENCY_KEY_REUSED.
 */
export function createIdempotency(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function replayOrRefuse(ref: repo.KeyRef, requestHash: string): Promise<Outcome<unknown> | null> {
    const existing = await repo.findKey(db, ref);
    if (!existing || existing.responseStatus === 0) return null;
    if (existing.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return { status: existing.responseStatus, body: existing.responseBody, replayed: true };
  }

  /** A transaction, begun with `opening` when there is one (see transactionOpenedWith). */
  const transaction = <R>(opening: Opening | undefined, work: (tx: Tx) => Promise<R>) =>
    opening ? transactionOpenedWith(db, opening, work) : db.transaction(work);

  /**
   * `opening`: a statement without parameters to run first, in BEGIN's round trip (a booking's
   * schedule lock); it then comes before the key's claim. `work` gets the claimed key, to store
   * its answer in its own last statement (then it answers `kept: true`), or null without one.
   */
  async function run<T>(
    request: IdempotentRequest | null,
    work: (tx: Tx, key: AnswerKey | null) => Promise<Answer<T>>,
    opening?: Opening,
  ): Promise<Outcome<T>> {
    if (!request) {
      const { status, body } = await transaction(opening, (tx) => work(tx, null));
      return { status, body, replayed: false };
    }
    const ref = { scope: request.scope, key: request.key };
    const requestHash = hashRequest(request.body);
    const now = clock.now();
    const expiredBefore = new Date(now.getTime() - KEPT_MS);
    try {
      return await transaction(opening, async (tx): Promise<Outcome<T>> => {
        if (!(await repo.claimKey(tx, ref, requestHash, now, expiredBefore))) {
          const existing = await repo.findKey(tx, ref);
          if (!existing) throw new Error('idempotency key vanished');
          if (existing.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
          return { status: existing.responseStatus, body: existing.responseBody as T, replayed: true };
        }
        const { status, body, kept } = await work(tx, ref);
        if (!kept) await repo.saveResponse(tx, ref, { status, body });
        return { status, body, replayed: false };
      });
    } catch (err) {
      if (!(err instanceof AppError) || !REPLAYED_FAILURES.has(err.code)) throw err;
      // The change rolled back; keep its answer under the key so a retry hears the same.
      return refuse<T>(request, err);
    }
  }

  /**
   * A refusal decided before any write (a full slot seen by the fast check), answered as one
   * from inside run() is: stored under the key, unless the key already has an answer (the
   * first request with it succeeded, or is in flight and is waited for), which is replayed.
   */
  async function refuse<T>(request: IdempotentRequest | null, err: AppError): Promise<Outcome<T>> {
    if (!request || !REPLAYED_FAILURES.has(err.code)) throw err;
    const ref = { scope: request.scope, key: request.key };
    const requestHash = hashRequest(request.body);
    const now = clock.now();
    const expiredBefore = new Date(now.getTime() - KEPT_MS);
    const body = problemBody(err.code, request.language, { params: err.params, extra: err.extra });
    const stored = await db.transaction(async (tx) => {
      if (!(await repo.claimKey(tx, ref, requestHash, now, expiredBefore))) return false;
      await repo.saveResponse(tx, ref, { status: body.status, body });
      return true;
    });
    if (!stored) {
      const replay = await replayOrRefuse(ref, requestHash);
      if (replay) return replay as Outcome<T>;
    }
    throw err;
  }

  /** The stored answer of a finished request with this key, before doing anything else for it. */
  async function findReplay<T>(request: IdempotentRequest | null): Promise<Outcome<T> | null> {
    if (!request) return null;
    return (await replayOrRefuse(
      { scope: request.scope, key: request.key },
      hashRequest(request.body),
    )) as Outcome<T> | null;
  }

  return {
    run,
    refuse,
    findReplay,
    purgeExpired: () => repo.deleteExpiredKeys(db, new Date(clock.now().getTime() - KEPT_MS)),
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;
