import type { OwnConsentSet, OwnConsents } from '@mawaeed/core/contracts/customer-files';
import type {
  CheckInCreate,
  CheckInResult,
  CounterChoiceList,
  CounterConsole,
  IssuedTicket,
  PriorityCategory,
  StaffTicket,
} from '@mawaeed/core/contracts/hall';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { staffGet, staffRequest } from '../api/http';

const API = '/api/v1';
const countersKey = ['staff', 'hall', 'counters'] as const;
export const consoleKey = (counterId: string) => ['staff', 'hall', 'console', counterId] as const;

export function useCounters() {
  return useQuery({
    queryKey: countersKey,
    queryFn: ({ signal }) => staffGet<CounterChoiceList>(`${API}/counters`, signal),
  });
}

export function useCounterConsole(counterId: string) {
  return useQuery({
    queryKey: consoleKey(counterId),
    queryFn: ({ signal }) => staffGet<CounterConsole>(`${API}/counters/${counterId}/console`, signal),
    // The stream says when to ask again; this covers a stream that stays down (and "waited" minutes).
    refetchInterval: 60_000,
  });
}

export type TicketAction = 'recall' | 'start' | 'finish' | 'no-show' | 'return';

export type CounterCommand =
  | { kind: 'open' | 'close' | 'call-next' }
  | { kind: TicketAction; ticketId: string }
  | { kind: 'transfer'; ticketId: string; serviceId: string };

/** One mutation for every button of the console; each refreshes the console it changed. */
export function useCounterCommand(counterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: CounterCommand) => {
      const base = `${API}/counters/${counterId}`;
      if (command.kind === 'open' || command.kind === 'close' || command.kind === 'call-next') {
        return staffRequest<unknown>('POST', `${base}/${command.kind}`);
      }
      if (command.kind === 'transfer') {
        return staffRequest<StaffTicket>('POST', `${base}/tickets/${command.ticketId}/transfer`, {
          serviceId: command.serviceId,
        });
      }
      const { kind, ticketId } = command as { kind: TicketAction; ticketId: string };
      return staffRequest<StaffTicket>('POST', `${base}/tickets/${ticketId}/${kind}`);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: consoleKey(counterId) }),
        queryClient.invalidateQueries({ queryKey: countersKey }),
      ]),
  });
}

export function useAddNote(counterId: string) {
  return useMutation({
    mutationFn: ({ ticketId, text }: { ticketId: string; text: string }) =>
      staffRequest<{ id: string }>('POST', `${API}/counters/${counterId}/tickets/${ticketId}/notes`, {
        text,
      }),
  });
}

export function useCheckIn(centreId: string) {
  return useMutation({
    mutationFn: (body: CheckInCreate) =>
      staffRequest<CheckInResult>('POST', `${API}/centres/${centreId}/check-ins`, body),
  });
}

export function useWalkIn(centreId: string) {
  return useMutation({
    mutationFn: (body: { serviceId: string; priority?: PriorityCategory; idempotencyKey: string }) =>
      staffRequest<IssuedTicket>(
        'POST',
        `${API}/centres/${centreId}/walk-ins`,
        { serviceId: body.serviceId, ...(body.priority ? { priority: body.priority } : {}) },
        { idempotencyKey: body.idempotencyKey },
      ),
  });
}

const consentsKey = (counterId: string, ticketId: string) =>
  ['staff', 'hall', 'consents', counterId, ticketId] as const;

/** The three contact choices of the person this counter is serving. */
export function useConsentsAtCounter(counterId: string, ticketId: string) {
  return useQuery({
    queryKey: consentsKey(counterId, ticketId),
    queryFn: ({ signal }) =>
      staffGet<OwnConsents>(`${API}/counters/${counterId}/tickets/${ticketId}/consents`, signal),
  });
}

export function useSetConsentAtCounter(counterId: string, ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OwnConsentSet) =>
      staffRequest<OwnConsents>('POST', `${API}/counters/${counterId}/tickets/${ticketId}/consents`, body),
    onSuccess: (answer) => queryClient.setQueryData(consentsKey(counterId, ticketId), answer),
  });
}
