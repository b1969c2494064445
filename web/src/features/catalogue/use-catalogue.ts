import { addDays, todayIn } from '@mawaeed/core/time/local';
import { useQueries, useQuery } from '@tanstack/react-query';
import {
  type Availability,
  type AvailabilityDay,
  type AvailabilitySlot,
  type Centre,
  fetchAvailability,
  fetchCentre,
  fetchServices,
  fetchSettings,
} from '../../api/catalogue';

/** How far ahead the portal looks for free days. */
export const LOOK_AHEAD_DAYS = 31;

export function useSettings() {
  return useQuery({
    queryKey: ['settings'],
    queryFn: ({ signal }) => fetchSettings(signal),
    staleTime: 300_000,
  });
}

export function useServices() {
  return useQuery({ queryKey: ['services'], queryFn: ({ signal }) => fetchServices(signal) });
}

export function useCentre(centreId: string | undefined) {
  return useQuery({
    queryKey: ['centre', centreId],
    queryFn: ({ signal }) => fetchCentre(centreId ?? '', signal),
    enabled: Boolean(centreId),
  });
}

export function useCentreDetails(centreIds: string[]) {
  return useQueries({
    queries: centreIds.map((id) => ({
      queryKey: ['centre', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchCentre(id, signal),
    })),
  });
}

/** The days from today (in the centre's zone, not the browser's) that the portal offers. */
export function availabilityRange(timeZone: string, now = new Date()) {
  const from = todayIn(timeZone, now);
  return { from, to: addDays(from, LOOK_AHEAD_DAYS - 1) };
}

function availabilityQuery(centre: Pick<Centre, 'id' | 'timeZone'>, serviceId: string) {
  const range = availabilityRange(centre.timeZone);
  return {
    queryKey: ['availability', centre.id, serviceId, range.from],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      fetchAvailability({ centreId: centre.id, serviceId, ...range }, signal),
    staleTime: 15_000,
  };
}

export function useAvailability(
  centre: Pick<Centre, 'id' | 'timeZone'> | undefined,
  serviceId: string | undefined,
) {
  return useQuery({
    ...availabilityQuery(centre ?? { id: '', timeZone: 'UTC' }, serviceId ?? ''),
    enabled: Boolean(centre && serviceId),
  });
}

/** Availability of one service at several centres (the centre step and the service page). */
export function useAvailabilities(centres: Centre[], serviceId: string | undefined) {
  return useQueries({
    queries: centres.map((centre) => ({
      ...availabilityQuery(centre, serviceId ?? ''),
      enabled: Boolean(serviceId),
    })),
  });
}

export function isBookable(slot: AvailabilitySlot, now = Date.now()): boolean {
  return slot.remaining > 0 && Date.parse(slot.start) > now;
}

export function freeSlots(day: AvailabilityDay, now = Date.now()): AvailabilitySlot[] {
  return day.open ? day.slots.filter((s) => isBookable(s, now)) : [];
}

/** The first day with a free time, and that time. */
export function earliestFree(
  availability: Availability | undefined,
): { day: AvailabilityDay; slot: AvailabilitySlot } | null {
  for (const day of availability?.days ?? []) {
    const slot = freeSlots(day)[0];
    if (slot) return { day, slot };
  }
  return null;
}
