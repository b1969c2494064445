import type { AdminCounter } from '@mawaeed/core/contracts/admin';
import type { DeviceKind, DeviceView } from '@mawaeed/core/contracts/staff';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { centresKey } from './centres';
import { staffGet, staffRequest } from './http';

const ADMIN = '/api/v1/admin';
export type CounterBody = {
  number?: number;
  name?: { en: string; ar: string };
  serviceIds?: string[];
  active?: boolean;
};

const countersKey = (centreId: string) => [...centresKey, centreId, 'counters'];
const devicesKey = (centreId: string) => [...centresKey, centreId, 'devices'];

export function useCounters(centreId: string) {
  return useQuery({
    queryKey: countersKey(centreId),
    queryFn: ({ signal }) =>
      staffGet<{ items: AdminCounter[] }>(`${ADMIN}/centres/${centreId}/counters`, signal),
  });
}

/** Adds a counter (no id) or changes one; the centre's counter list reloads either way. */
export function useSaveCounter(centreId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CounterBody }) =>
      id
        ? staffRequest<AdminCounter>('PATCH', `${ADMIN}/counters/${id}`, body)
        : staffRequest<AdminCounter>('POST', `${ADMIN}/centres/${centreId}/counters`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: countersKey(centreId) }),
  });
}

export function useDevices(centreId: string) {
  return useQuery({
    queryKey: devicesKey(centreId),
    queryFn: ({ signal }) =>
      staffGet<{ items: DeviceView[] }>(`${ADMIN}/centres/${centreId}/devices`, signal),
  });
}

export function useRegisterDevice(centreId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: DeviceKind; name: string }) =>
      staffRequest<DeviceView & { token: string }>('POST', `${ADMIN}/centres/${centreId}/devices`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: devicesKey(centreId) }),
  });
}

export function useRevokeDevice(centreId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) => staffRequest<DeviceView>('POST', `${ADMIN}/devices/${deviceId}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: devicesKey(centreId) }),
  });
}
