import type { AuditEntry } from '@mawaeed/core/contracts/audit';
import type { MessageSummary } from '@mawaeed/core/contracts/messages';
import type { StaffCreate, StaffUpdate, StaffView } from '@mawaeed/core/contracts/staff';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { staffGet, staffRequest } from './http';

const ADMIN = '/api/v1/admin';

export type StaffMessage = MessageSummary;
export type MessageFilter = { status?: string; centreId?: string };

/** Only the filters that are set, as a query string ('' for none). */
export function queryString(filter: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function useMessages(filter: MessageFilter) {
  return useQuery({
    queryKey: ['staff', 'messages', filter],
    queryFn: ({ signal }) =>
      staffGet<{ items: StaffMessage[] }>(`${ADMIN}/messages${queryString(filter)}`, signal),
    placeholderData: keepPreviousData,
    // A message on its way changes state on its own: keep the page current.
    refetchInterval: 15_000,
  });
}

export function useRetryMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      staffRequest<{ id: string; status: 'pending' }>('POST', `${ADMIN}/messages/${id}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff', 'messages'] }),
  });
}

const accountsKey = ['staff', 'accounts'] as const;

export function useAccounts() {
  return useQuery({
    queryKey: accountsKey,
    queryFn: ({ signal }) => staffGet<{ items: StaffView[] }>(`${ADMIN}/staff`, signal),
  });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffCreate) => staffRequest<StaffView>('POST', `${ADMIN}/staff`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  });
}

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: StaffUpdate }) =>
      staffRequest<StaffView>('PATCH', `${ADMIN}/staff/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  });
}

export type AuditFilter = {
  from?: string;
  to?: string;
  actorId?: string;
  entity?: string;
  entityId?: string;
  centreId?: string;
};

export const AUDIT_PAGE_SIZE = 25;

export function useAudit(filter: AuditFilter, page: number) {
  return useQuery({
    queryKey: ['staff', 'audit', filter, page],
    queryFn: ({ signal }) =>
      staffGet<{ items: AuditEntry[]; page: number; pageSize: number; total: number }>(
        `${ADMIN}/audit${queryString({ ...filter, page, pageSize: AUDIT_PAGE_SIZE })}`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** The CSV of the same search, downloaded with the session cookie (a GET needs no CSRF token). */
export function auditCsvUrl(filter: AuditFilter): string {
  return `${ADMIN}/audit.csv${queryString(filter)}`;
}
