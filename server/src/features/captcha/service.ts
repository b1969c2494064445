import { createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import * as repo from './repository';

/**
 * Proof of work (ALTCHA, PBKDF2/SHA-256): the browser spends a second or so finding a counter, the
 * server checks it in one derivation thanks to a signed key. No puzzle to read, nothing for a
 * keyboard or screen-reader user to do, no third party. Each answer works once, until expiry.
 */
export type CaptchaDifficulty = { cost: number; minCounter: number; maxCounter: number };

export const DEFAULT_DIFFICULTY: CaptchaDifficulty = { cost: 200, minCounter: 1_000, maxCounter: 3_000 };
const VALID_MS = 10 * 60_000;

const Payload = z.object({
  challenge: z.object({
    parameters: z.object({ algorithm: z.string(), nonce: z.string(), salt: z.string() }).passthrough(),
    signature: z.string().min(1),
  }),
  solution: z.object({ counter: z.number().int(), derivedKey: z.string() }).passthrough(),
});

export function createCaptcha(deps: {
  db: Db;
  clock: Clock;
  secrets: { signature: string; key: string };
  difficulty?: CaptchaDifficulty;
}) {
  const { clock, secrets } = deps;
  const difficulty = deps.difficulty ?? DEFAULT_DIFFICULTY;

  async function issueChallenge() {
    return createChallenge({
      algorithm: 'PBKDF2/SHA-256',
      cost: difficulty.cost,
      counter: randomInt(difficulty.minCounter, difficulty.maxCounter),
      deriveKey,
      // Signed with the rest of the challenge, but not as altcha's own `expiresAt`, which the
      // library checks against the process's real time: expiry is our Clock's to decide, as every
      // other time is (a test's fixed clock made every answer look expired once real time passed it).
      data: { validUntil: Math.floor((clock.now().getTime() + VALID_MS) / 1000) },
      hmacSignatureSecret: secrets.signature,
      hmacKeySignatureSecret: secrets.key,
    });
  }

  /** Checks an answer (base64 JSON of { challenge, solution }); the caller then spends it. */
  async function checkAnswer(answer: string | undefined) {
    if (!answer) throw new AppError('CAPTCHA_REQUIRED');
    let payload: z.infer<typeof Payload>;
    try {
      payload = Payload.parse(JSON.parse(Buffer.from(answer, 'base64').toString('utf8')));
    } catch {
      throw new AppError('CAPTCHA_FAILED');
    }
    const data = payload.challenge.parameters.data as { validUntil?: unknown } | undefined;
    const expiresAt = Number(data?.validUntil ?? 0) * 1000;
    if (!(expiresAt > clock.now().getTime())) throw new AppError('CAPTCHA_FAILED');
    const result = await verifySolution({
      challenge: payload.challenge as unknown as Parameters<typeof verifySolution>[0]['challenge'],
      solution: payload.solution,
      deriveKey,
      hmacSignatureSecret: secrets.signature,
      hmacKeySignatureSecret: secrets.key,
    });
    if (!result.verified) throw new AppError('CAPTCHA_FAILED');
    return { signature: payload.challenge.signature, expiresAt: new Date(expiresAt) };
  }

  /** Spends a checked answer inside the write's transaction; a second use is refused. */
  async function spendAnswer(tx: Queryable, checked: { signature: string; expiresAt: Date }) {
    if (!(await repo.markUsed(tx, checked.signature, checked.expiresAt)))
      throw new AppError('CAPTCHA_FAILED');
  }

  return {
    issueChallenge,
    checkAnswer,
    spendAnswer,
    purgeExpired: () => repo.deleteExpired(deps.db, clock.now()),
  };
}
export type Captcha = ReturnType<typeof createCaptcha>;
