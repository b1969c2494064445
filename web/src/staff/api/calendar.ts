import type {
  AdminCentre,
  ClosureCreate,
  OnAffected,
  SpecialPeriodCreate,
} from '@mawaeed/core/contracts/admin';
import type { WeeklyHours } from '@mawaeed/core/schedule/types';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { centresKey } from './centres';
import { staffGet, staffRequest } from './http';

const ADMIN = '/api/v1/admin';
export type SpecialPeriod = {
  id: string;
  centreId: string;
  name: { en: string; ar: string };
  startsOn: string;
  endsOn: string;
  weeklyHours: WeeklyHours;
  provisional: boolean;
};
export type Closure = {
  id: string;
  centreId: string | null;
  date: string;
  kind: 'holiday' | 'closure';
  name: { en: string; ar: string };
  openHours: { open: string; close: string }[] | null;
  provisional: boolean;
};

const calendarKey = ['staff', 'calendar'] as const;

/** A centre's current and coming special periods and closures (national holidays included). */
export function useCalendar(centreId: string) {
  const periods = useQuery({
    queryKey: [...calendarKey, 'periods', centreId],
    queryFn: ({ signal }) =>
      staffGet<{ items: SpecialPeriod[] }>(`${ADMIN}/special-periods?centreId=${centreId}`, signal),
  });
  const closures = useQuery({
    queryKey: [...calendarKey, 'closures', centreId],
    queryFn: ({ signal }) => staffGet<{ items: Closure[] }>(`${ADMIN}/closures?centreId=${centreId}`, signal),
  });
  return { periods, closures };
}

function useInvalidateCalendar() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: calendarKey });
}

type WithDecision<T> = Omit<T, 'onAffected'> & { onAffected?: OnAffected };

export function useCreatePeriods() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: (body: WithDecision<SpecialPeriodCreate>) =>
      staffRequest<{ items: SpecialPeriod[] }>('POST', `${ADMIN}/special-periods`, body),
    onSuccess: invalidate,
  });
}

export function useDeletePeriod() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: ({ id, onAffected }: { id: string; onAffected?: OnAffected }) =>
      staffRequest<void>(
        'DELETE',
        `${ADMIN}/special-periods/${id}${onAffected ? `?onAffected=${onAffected}` : ''}`,
      ),
    onSuccess: invalidate,
  });
}

export function useCreateClosures() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: (body: WithDecision<ClosureCreate>) =>
      staffRequest<{ items: Closure[] }>('POST', `${ADMIN}/closures`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteClosure() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: (id: string) => staffRequest<void>('DELETE', `${ADMIN}/closures/${id}`),
    onSuccess: invalidate,
  });
}

/** The same weekly hours for several centres at once (all or none). */
export function useApplyWeeklyHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { centreIds: string[]; weeklyHours: WeeklyHours; onAffected?: OnAffected }) =>
      staffRequest<{ items: AdminCentre[] }>('POST', `${ADMIN}/weekly-hours`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: centresKey }),
  });
}
