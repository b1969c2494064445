import type {
  ApiKeyCreate,
  ApiKeyView,
  WebhookCreate,
  WebhookDeliveryView,
  WebhookUpdate,
  WebhookView,
} from '@mawaeed/core/contracts/integrations';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { staffGet, staffRequest } from './http';

const ADMIN = '/api/v1/admin';
const keysKey = ['staff', 'api-keys'] as const;
const hooksKey = ['staff', 'webhooks'] as const;

export function useApiKeys() {
  return useQuery({
    queryKey: keysKey,
    queryFn: ({ signal }) => staffGet<{ items: ApiKeyView[] }>(`${ADMIN}/api-keys`, signal),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiKeyCreate) =>
      staffRequest<ApiKeyView & { key: string }>('POST', `${ADMIN}/api-keys`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysKey }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => staffRequest<ApiKeyView>('POST', `${ADMIN}/api-keys/${keyId}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysKey }),
  });
}

export function useWebhooks() {
  return useQuery({
    queryKey: hooksKey,
    queryFn: ({ signal }) => staffGet<{ items: WebhookView[] }>(`${ADMIN}/webhooks`, signal),
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookCreate) =>
      staffRequest<WebhookView & { secret: string }>('POST', `${ADMIN}/webhooks`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: hooksKey }),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: WebhookUpdate }) =>
      staffRequest<WebhookView>('PATCH', `${ADMIN}/webhooks/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: hooksKey }),
  });
}

export function useDeliveries(webhookId: string | null) {
  return useQuery({
    queryKey: [...hooksKey, webhookId, 'deliveries'],
    enabled: webhookId !== null,
    queryFn: ({ signal }) =>
      staffGet<{ items: WebhookDeliveryView[] }>(
        `${ADMIN}/webhooks/${webhookId}/deliveries?limit=50`,
        signal,
      ),
  });
}

export function useResendDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      staffRequest<unknown>('POST', `${ADMIN}/webhooks/deliveries/${deliveryId}/resend`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: hooksKey }),
  });
}
