import type { SessionView, SignIn } from '@mawaeed/core/contracts/staff';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { StaffApiError, setCsrfToken, staffRequest } from './http';

export const sessionKey = ['staff', 'session'] as const;

/** Who is signed in; null when nobody is (401). Keeps the CSRF token for the calls that follow. */
export function useStaffSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async ({ signal }) => {
      try {
        const session = await staffRequest<SessionView>('GET', '/api/v1/auth/session', undefined, {
          signal,
          quietUnauthorised: true,
        });
        setCsrfToken(session.csrfToken);
        return session;
      } catch (err) {
        if (err instanceof StaffApiError && err.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw err;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignIn) =>
      staffRequest<SessionView>('POST', '/api/v1/auth/sign-in', body, { quietUnauthorised: true }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      // Another person's cached answers must not show through after a sign-in.
      queryClient.removeQueries({ queryKey: ['staff'] });
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      staffRequest<void>('POST', '/api/v1/auth/sign-out', undefined, { quietUnauthorised: true }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ queryKey: ['staff'] });
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
