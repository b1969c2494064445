import type { StaffRole } from '@mawaeed/core/contracts/staff';
import type { StaffActor } from '../../lib/actor';

/**
 * Who may manage whom. Administrators manage everyone. A centre manager manages counter agents
 * and receptionists whose every centre is one of the manager's own — so a manager can staff
 * their centres without waiting for the ministry, but can never create a manager or an
 * administrator, nor reach staff of another centre.
 */
export function canManage(actor: StaffActor, target: { role: StaffRole; centreIds: string[] }): boolean {
  if (actor.role === 'administrator') return true;
  if (actor.role !== 'centre_manager') return false;
  if (target.role !== 'counter_agent' && target.role !== 'receptionist') return false;
  return target.centreIds.length > 0 && target.centreIds.every((c) => actor.centreIds.includes(c));
}
