import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/http';

/**
 * People waiting now in each centre's hall (public figures only), asked again every 30 s while the
 * page is open; every centre card on a page shares the one request.
 */
export function useWaitingNow() {
  return useQuery({
    queryKey: ['hall', 'waiting'],
    queryFn: async ({ signal }) => {
      const body = await getJson<{ items: { centreId: string; waitingNow: number }[] }>(
        '/api/v1/hall/waiting',
        {
          signal,
        },
      );
      return new Map(body.items.map((i) => [i.centreId, i.waitingNow]));
    },
    refetchInterval: 30_000,
    staleTime: 10_000,
  });
}
