import { GOVERNMENT_HOURS } from '../country/bahrain';
import type { CentreSchedule, OfferingPlan } from './types';

export function bahrainSchedule(overrides: Partial<CentreSchedule> = {}): CentreSchedule {
  return {
    timeZone: 'Asia/Bahrain',
    weeklyHours: GOVERNMENT_HOURS,
    specialPeriods: [],
    closures: [],
    ...overrides,
  };
}

export function plan(overrides: Partial<OfferingPlan> = {}): OfferingPlan {
  return { slotMinutes: 15, capacity: 2, capacityRules: [], ...overrides };
}
