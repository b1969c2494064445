import { useQuery } from '@tanstack/react-query';
import { fetchDevInbox, hasDevInbox } from '../../api/dev-inbox';

/** How often the inbox page asks again: a code sent from another tab shows within this. */
export const INBOX_REFRESH_MS = 3_000;

export function useDevInbox() {
  return useQuery({
    queryKey: ['dev-inbox'],
    queryFn: ({ signal }) => fetchDevInbox(signal),
    refetchInterval: INBOX_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}

/** Asked once per visit: the transport does not change while the server runs. */
export function useHasDevInbox(): boolean {
  return (
    useQuery({
      queryKey: ['dev-inbox', 'available'],
      queryFn: ({ signal }) => hasDevInbox(signal),
      staleTime: Number.POSITIVE_INFINITY,
      retry: false,
    }).data ?? false
  );
}
