import type { StaffRole } from '@mawaeed/core/contracts/staff';
import type { ParseKeys } from 'i18next';

export type StaffNavItem = {
  /** A staff address (registered in ./routes.ts). */
  to: string;
  labelKey: ParseKeys<'staff'>;
  /** Who sees the entry; the server decides what each role may do whatever the menu shows. */
  roles: readonly StaffRole[];
};

const EVERYONE: readonly StaffRole[] = ['administrator', 'centre_manager', 'counter_agent', 'receptionist'];
const SETUP: readonly StaffRole[] = ['administrator', 'centre_manager'];
const COUNTER: readonly StaffRole[] = ['administrator', 'centre_manager', 'counter_agent'];
const DESK: readonly StaffRole[] = ['administrator', 'centre_manager', 'receptionist'];

/** The staff menu, in order: one line per area. */
export const STAFF_NAV: readonly StaffNavItem[] = [
  { to: '/staff', labelKey: 'shell.nav.home', roles: EVERYONE },
  { to: '/staff/dashboard', labelKey: 'dashboard.title', roles: SETUP },
  { to: '/staff/centres', labelKey: 'shell.nav.centres', roles: SETUP },
  { to: '/staff/services', labelKey: 'services.nav', roles: ['administrator'] },
  { to: '/staff/counter', labelKey: 'hall.nav.counter', roles: COUNTER },
  { to: '/staff/check-in', labelKey: 'hall.nav.checkIn', roles: DESK },
  { to: '/staff/customers', labelKey: 'customers.nav', roles: SETUP },
  { to: '/staff/messages', labelKey: 'people.nav.messages', roles: SETUP },
  { to: '/staff/waitlist', labelKey: 'people.nav.waitlist', roles: SETUP },
  // A centre manager staffs their own centres (agents and receptionists; the server's rule).
  { to: '/staff/accounts', labelKey: 'people.nav.accounts', roles: SETUP },
  { to: '/staff/audit', labelKey: 'people.nav.audit', roles: SETUP },
  { to: '/staff/integrations', labelKey: 'integrations.title', roles: ['administrator'] },
];

export function navFor(role: StaffRole): StaffNavItem[] {
  return STAFF_NAV.filter((item) => item.roles.includes(role));
}
