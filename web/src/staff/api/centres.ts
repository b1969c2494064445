import type {
  AdminCentre,
  AdminOffering,
  CentreCreate,
  CentreUpdate,
  OfferingInput,
  OnAffected,
} from '@mawaeed/core/contracts/admin';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { staffGet, staffRequest } from './http';

const ADMIN = '/api/v1/admin';
export const centresKey = ['staff', 'centres'] as const;
type AdminService = { id: string; code: string; name: { en: string; ar: string }; active: boolean };

export function useAdminCentres() {
  return useQuery({
    queryKey: centresKey,
    queryFn: ({ signal }) => staffGet<{ items: AdminCentre[] }>(`${ADMIN}/centres`, signal),
  });
}

export function useAdminCentre(centreId: string) {
  return useQuery({
    queryKey: [...centresKey, centreId],
    queryFn: ({ signal }) => staffGet<AdminCentre>(`${ADMIN}/centres/${centreId}`, signal),
  });
}

export function useAdminServices() {
  return useQuery({
    queryKey: ['staff', 'services'],
    queryFn: ({ signal }) => staffGet<{ items: AdminService[] }>(`${ADMIN}/services`, signal),
  });
}

export function useOfferings(centreId: string) {
  return useQuery({
    queryKey: [...centresKey, centreId, 'offerings'],
    queryFn: ({ signal }) =>
      staffGet<{ items: AdminOffering[] }>(`${ADMIN}/centres/${centreId}/offerings`, signal),
  });
}

/** Every change refreshes the centres it touched (and the lists that show them) at once. */
function useInvalidateCentres() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: centresKey });
}

export function useCreateCentre() {
  const invalidate = useInvalidateCentres();
  return useMutation({
    mutationFn: (body: CentreCreate) => staffRequest<AdminCentre>('POST', `${ADMIN}/centres`, body),
    onSuccess: invalidate,
  });
}

export function useUpdateCentre(centreId: string) {
  const invalidate = useInvalidateCentres();
  return useMutation({
    mutationFn: (body: CentreUpdate) =>
      staffRequest<AdminCentre>('PATCH', `${ADMIN}/centres/${centreId}`, body),
    onSuccess: invalidate,
  });
}

export function usePutOffering(centreId: string) {
  const invalidate = useInvalidateCentres();
  return useMutation({
    mutationFn: ({
      serviceId,
      body,
    }: {
      serviceId: string;
      body: Omit<OfferingInput, 'onAffected'> & { onAffected?: OnAffected };
    }) => staffRequest<AdminOffering>('PUT', `${ADMIN}/centres/${centreId}/offerings/${serviceId}`, body),
    onSuccess: invalidate,
  });
}
