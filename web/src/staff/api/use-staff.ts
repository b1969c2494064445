import type { StaffView } from '@mawaeed/core/contracts/staff';
import { useStaffSession } from './session';

/** The signed-in staff member, inside the signed-in layout (which renders nothing until it is known). */
export function useStaff(): StaffView {
  const staff = useStaffSession().data?.staff;
  if (!staff) throw new Error('useStaff() outside the signed-in staff layout');
  return staff;
}
