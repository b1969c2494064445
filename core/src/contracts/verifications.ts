import { z } from 'zod';
import { Mobile } from './bookings';
import { Id } from './common';

/**
 * A one-time code by SMS. `{ mobile, purpose }` sends it to that mobile (booking, or managing a
 * booking of that mobile); `{ reference, purpose: 'manage' }` sends it to the mobile of the
 * booking with that reference, which the person may not remember: the answer is the same
 * whether or not such a booking exists.
 */
export const VerificationCreate = z.union([
  z.strictObject({ mobile: Mobile, purpose: z.enum(['book', 'manage']) }),
  z.strictObject({ reference: z.string().min(1).max(32), purpose: z.literal('manage') }),
]);
export type VerificationCreate = z.infer<typeof VerificationCreate>;

export const VerificationCreated = z.object({ id: Id, expiresAt: z.string() });
export type VerificationCreated = z.infer<typeof VerificationCreated>;
