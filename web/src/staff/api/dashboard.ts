import type { DashboardKpis, KpiTargets, LiveHall } from '@mawaeed/core/contracts/dashboard';
import type { StaffFeedback } from '@mawaeed/core/contracts/feedback';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { staffGet, staffRequest } from './http';

const BASE = '/api/v1/dashboard';
export type Period = { from: string; to: string; centreId?: string | undefined };
export type FollowUpView = {
  id: string;
  centreId: string;
  status: 'open' | 'closed';
  note: string | null;
  createdAt: string;
  feedback: Omit<StaffFeedback, 'followUp'>;
};

const query = (p: Period) =>
  new URLSearchParams({ from: p.from, to: p.to, ...(p.centreId ? { centreId: p.centreId } : {}) }).toString();

export function useLiveHall(centreId: string | undefined) {
  return useQuery({
    queryKey: ['staff', 'dashboard', 'live', centreId],
    enabled: Boolean(centreId),
    refetchInterval: 15_000,
    queryFn: ({ signal }) => staffGet<LiveHall>(`${BASE}/live?centreId=${centreId}`, signal),
  });
}

export function useKpis(period: Period) {
  return useQuery({
    queryKey: ['staff', 'dashboard', 'kpis', period],
    queryFn: ({ signal }) => staffGet<DashboardKpis>(`${BASE}/kpis?${query(period)}`, signal),
  });
}

export function useFeedbackList(period: Period) {
  return useQuery({
    queryKey: ['staff', 'dashboard', 'feedback', period],
    queryFn: ({ signal }) =>
      staffGet<{ items: StaffFeedback[] }>(`${BASE}/feedback?${query(period)}`, signal),
  });
}

export function useFollowUps(centreId: string | undefined) {
  return useQuery({
    queryKey: ['staff', 'dashboard', 'follow-ups', centreId],
    queryFn: ({ signal }) =>
      staffGet<{ items: FollowUpView[] }>(
        `${BASE}/follow-ups?status=open${centreId ? `&centreId=${centreId}` : ''}`,
        signal,
      ),
  });
}

export function useCloseFollowUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; note: string }) =>
      staffRequest<FollowUpView>('POST', `${BASE}/follow-ups/${v.id}/close`, { note: v.note }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['staff', 'dashboard'] }),
  });
}

export function useTargets() {
  return useQuery({
    queryKey: ['staff', 'dashboard', 'targets'],
    queryFn: ({ signal }) => staffGet<KpiTargets>(`${BASE}/targets`, signal),
  });
}

export function useSaveTargets() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (targets: Record<string, number>) =>
      staffRequest<KpiTargets>('PUT', `${BASE}/targets`, { targets }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['staff', 'dashboard'] }),
  });
}
