import { useQuery } from '@tanstack/react-query';
import { fetchEntry, fetchOffer } from '../../api/waitlist';

export function useEntry(token: string | null) {
  return useQuery({
    queryKey: ['waitlist-entry', token],
    queryFn: ({ signal }) => fetchEntry(token ?? '', signal),
    enabled: Boolean(token),
    retry: false,
  });
}

export function useOffer(token: string | null) {
  return useQuery({
    queryKey: ['waitlist-offer', token],
    queryFn: ({ signal }) => fetchOffer(token ?? '', signal),
    enabled: Boolean(token),
    retry: false,
  });
}
