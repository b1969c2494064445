import { z } from 'zod';
import { Bilingual, Id } from './common';

export const StaffRole = z.enum(['administrator', 'centre_manager', 'counter_agent', 'receptionist']);
export type StaffRole = z.infer<typeof StaffRole>;

export const DeviceKind = z.enum(['kiosk', 'board']);
export type DeviceKind = z.infer<typeof DeviceKind>;

const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((e) => e.toLowerCase());

/** At least 12 characters; long passphrases welcome (argon2 hashes anything up to the limit). */
export const Password = z.string().min(12).max(256);

export const SignIn = z.strictObject({ email: z.string().trim().max(254), password: z.string().max(256) });
export type SignIn = z.infer<typeof SignIn>;

export const StaffView = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  centreIds: z.array(Id),
  active: z.boolean(),
});
export type StaffView = z.infer<typeof StaffView>;

export const SessionView = z.object({
  staff: StaffView,
  /** Send it back in `X-CSRF-Token` on every state-changing request made with the cookie. */
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;

export const StaffCreate = z.strictObject({
  email: Email,
  name: z.string().trim().min(1).max(100),
  role: StaffRole,
  centreIds: z.array(Id).max(200).default([]),
  password: Password,
});
export type StaffCreate = z.infer<typeof StaffCreate>;

export const StaffUpdate = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  role: StaffRole.optional(),
  centreIds: z.array(Id).max(200).optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
});
export type StaffUpdate = z.infer<typeof StaffUpdate>;

export const StaffList = z.object({ items: z.array(StaffView) });
export const StaffParams = z.strictObject({ staffId: Id });

export const DeviceCreate = z.strictObject({ kind: DeviceKind, name: z.string().trim().min(1).max(100) });
export const DeviceView = z.object({
  id: Id,
  centreId: Id,
  kind: DeviceKind,
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;
/** The token is shown this once; only its hash is kept. */
export const DeviceCreated = DeviceView.extend({ token: z.string() });
export const DeviceList = z.object({ items: z.array(DeviceView) });
export const DeviceParams = z.strictObject({ deviceId: Id });

export const DeviceCentre = z.object({
  device: z.object({ id: Id, kind: DeviceKind, name: z.string() }),
  centre: z.object({ id: Id, name: Bilingual, timeZone: z.string() }),
});
