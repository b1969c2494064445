import { useQuery } from '@tanstack/react-query';
import { fetchCentres } from '../../api/catalogue';

export const centresQueryKey = ['centres'] as const;

export function useCentres() {
  return useQuery({ queryKey: centresQueryKey, queryFn: ({ signal }) => fetchCentres(signal) });
}
