import type { StaffRole } from '@mawaeed/core/contracts/staff';

import type { Db } from '../../db/client';
import { centres } from '../../db/schema';
import { staff, staffCentres } from '../../db/schema-staff';
import { hashPassword } from '../auth/passwords';

/** Creates an administrator; false when the email is already taken. */
export async function createAdministrator(db: Db, input: { email: string; name: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  const rows = await db
    .insert(staff)
    .values({
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: 'administrator',
      passwordHash,
    })
    .onConflictDoNothing({ target: staff.email })
    .returning({ id: staff.id });
  return rows.length > 0;
}

/** Demo mode's one password for every demo account: printed at start, never used outside demo mode. */
export const DEMO_PASSWORD = 'mawaeed-demo-2026';

const DEMO_ACCOUNTS: { email: string; name: string; role: StaffRole }[] = [
  { email: 'admin@demo.mawaeed.bh', name: 'Demo administrator', role: 'administrator' },
  { email: 'manager@demo.mawaeed.bh', name: 'Demo centre manager', role: 'centre_manager' },
  { email: 'agent@demo.mawaeed.bh', name: 'Demo counter agent', role: 'counter_agent' },
  { email: 'reception@demo.mawaeed.bh', name: 'Demo receptionist', role: 'receptionist' },
];

/**
 * One demo account per role (the centre roles work at the first centre by code), created on
 * the first start in demo mode; later starts leave them as they are. Returns them to print.
 */
export async function ensureDemoStaff(db: Db) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [first] = await tx.select({ id: centres.id }).from(centres).orderBy(centres.code).limit(1);
    for (const account of DEMO_ACCOUNTS) {
      const [row] = await tx
        .insert(staff)
        .values({ ...account, passwordHash })
        .onConflictDoNothing({ target: staff.email })
        .returning({ id: staff.id });
      if (row && first && account.role !== 'administrator') {
        await tx.insert(staffCentres).values({ staffId: row.id, centreId: first.id });
      }
    }
  });
  return DEMO_ACCOUNTS.map((a) => ({ ...a, password: DEMO_PASSWORD }));
}
