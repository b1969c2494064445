import { useQuery } from '@tanstack/react-query';
import { fetchBooking } from '../../api/bookings';

export function bookingQueryKey(reference: string) {
  return ['booking', reference] as const;
}

export function useBooking(reference: string, token: string | null) {
  return useQuery({
    queryKey: bookingQueryKey(reference),
    queryFn: ({ signal }) => fetchBooking(reference, token ?? '', signal),
    enabled: Boolean(token),
    staleTime: 0,
  });
}
