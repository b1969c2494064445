import type { OnAffected, ServiceCreate, ServiceUpdate } from '@mawaeed/core/contracts/admin';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { staffGet, staffRequest } from './http';

const ADMIN = '/api/v1/admin';
/** Shared with useAdminServices in ./centres, so a change shows in offerings and counters too. */
const servicesKey = ['staff', 'services'] as const;

export type AdminServiceFull = Omit<ServiceCreate, 'code'> & { id: string; code: string; active: boolean };

export function useServiceList() {
  return useQuery({
    queryKey: servicesKey,
    queryFn: ({ signal }) => staffGet<{ items: AdminServiceFull[] }>(`${ADMIN}/services`, signal),
  });
}

export function useSaveService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }:
      | { id?: undefined; body: ServiceCreate }
      | { id: string; body: Omit<ServiceUpdate, 'onAffected'> & { onAffected?: OnAffected } }) =>
      id
        ? staffRequest<AdminServiceFull>('PATCH', `${ADMIN}/services/${id}`, body)
        : staffRequest<AdminServiceFull>('POST', `${ADMIN}/services`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: servicesKey }),
  });
}
