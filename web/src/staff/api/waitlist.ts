import type { WaitlistOfferHistory, WaitlistSummary } from '@mawaeed/core/contracts/waitlist';
import { useQuery } from '@tanstack/react-query';
import { staffGet } from './http';

/** Per service: people waiting and offered, seats refilled from the waitlist and how fast. */
export function useWaitlistSummary() {
  return useQuery({
    queryKey: ['staff', 'waitlist', 'summary'],
    queryFn: ({ signal }) => staffGet<WaitlistSummary>('/api/v1/admin/waitlist', signal),
    refetchInterval: 30_000,
  });
}

/** The offers made, newest first. */
export function useWaitlistOffers() {
  return useQuery({
    queryKey: ['staff', 'waitlist', 'offers'],
    queryFn: ({ signal }) =>
      staffGet<WaitlistOfferHistory>('/api/v1/admin/waitlist/offers?limit=100', signal),
    refetchInterval: 30_000,
  });
}
