import type {
  ConsentKind,
  ConsentState,
  CustomerExport,
  CustomerFile,
  CustomerMatch,
  CustomerNote,
  CustomerSearch,
  FileReason,
} from '@mawaeed/core/contracts/customer-files';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { staffRequest } from './http';

const API = '/api/v1/staff/customers';

/**
 * Customer files. Every key that names a person (CPR, mobile, reference) travels in a request
 * body, never in an address; a file is fetched by a POST that states the reason for opening it,
 * and the server logs each opening. Nothing of a file is kept in the query cache.
 */
export function useCustomerSearch() {
  return useMutation({
    mutationFn: (search: CustomerSearch) =>
      staffRequest<{ items: CustomerMatch[] }>('POST', `${API}/search`, search),
  });
}

export function useOpenFile() {
  return useMutation({
    mutationFn: ({ customerId, reason }: { customerId: string; reason: FileReason }) =>
      staffRequest<CustomerFile>('POST', `${API}/${customerId}/open`, { reason }),
  });
}

export function useAddCustomerNote(customerId: string) {
  return useMutation({
    mutationFn: (text: string) => staffRequest<CustomerNote>('POST', `${API}/${customerId}/notes`, { text }),
  });
}

export function useSetConsent(customerId: string) {
  return useMutation({
    mutationFn: (body: { kind: ConsentKind; state: ConsentState }) =>
      staffRequest<CustomerFile['consents']>('POST', `${API}/${customerId}/consents`, {
        ...body,
        channel: 'staff',
      }),
  });
}

export function useAccessLog(customerId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  return {
    query: useQuery({
      queryKey: ['staff', 'customers', customerId, 'access-log'],
      queryFn: ({ signal }) =>
        staffRequest<{
          items: { id: string; staffName: string | null; reason: FileReason; at: string }[];
        }>('GET', `${API}/${customerId}/access-log`, undefined, { signal }),
      enabled,
      gcTime: 0,
    }),
    refresh: () =>
      queryClient.invalidateQueries({ queryKey: ['staff', 'customers', customerId, 'access-log'] }),
  };
}

/** The whole file as a JSON download (a data-subject request): fetched, then saved by the browser. */
export function useExportFile(customerId: string) {
  return useMutation({
    mutationFn: async () => {
      const data = await staffRequest<CustomerExport>('POST', `${API}/${customerId}/export`);
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = `customer-${customerId}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return data;
    },
  });
}

export function useEraseFile(customerId: string) {
  return useMutation({
    mutationFn: () =>
      staffRequest<{ id: string; anonymisedAt: string }>('POST', `${API}/${customerId}/erase`, {
        confirm: true,
      }),
  });
}
