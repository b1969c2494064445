import type { WeeklyHours } from '../schedule/types';

/** Regular government hours (Civil Service Bureau Edict 1/2023): Sun–Wed 07:00–14:15, Thu to 14:00. */
export const GOVERNMENT_HOURS: WeeklyHours = {
  sun: [{ open: '07:00', close: '14:15' }],
  mon: [{ open: '07:00', close: '14:15' }],
  tue: [{ open: '07:00', close: '14:15' }],
  wed: [{ open: '07:00', close: '14:15' }],
  thu: [{ open: '07:00', close: '14:00' }],
  fri: [],
  sat: [],
};

/** Public-sector hours in Ramadan (08:00–14:00 in 2023–2025), Sunday to Thursday. */
export const RAMADAN_HOURS: WeeklyHours = {
  sun: [{ open: '08:00', close: '14:00' }],
  mon: [{ open: '08:00', close: '14:00' }],
  tue: [{ open: '08:00', close: '14:00' }],
  wed: [{ open: '08:00', close: '14:00' }],
  thu: [{ open: '08:00', close: '14:00' }],
  fri: [],
  sat: [],
};
