import { describe, expect, it } from 'vitest';
import { estimateWaitMinutes } from './wait-estimate';

describe('wait estimate', () => {
  it('is nothing when nobody is ahead', () => {
    expect(estimateWaitMinutes({ peopleAhead: 0, openCounters: 2, medianServiceMinutes: 8 })).toBe(0);
  });

  it('shares the people ahead across open counters in whole rounds', () => {
    expect(estimateWaitMinutes({ peopleAhead: 4, openCounters: 2, medianServiceMinutes: 8 })).toBe(16);
    expect(estimateWaitMinutes({ peopleAhead: 3, openCounters: 2, medianServiceMinutes: 8 })).toBe(16);
    expect(estimateWaitMinutes({ peopleAhead: 1, openCounters: 3, medianServiceMinutes: 7.5 })).toBe(8);
  });

  it('promises nothing when no counter is open', () => {
    expect(estimateWaitMinutes({ peopleAhead: 2, openCounters: 0, medianServiceMinutes: 8 })).toBeNull();
  });
});
