import type { Centre } from '@mawaeed/core/contracts/catalogue';
import { getJson } from './http';

export type { Centre };

export async function fetchCentres(signal?: AbortSignal): Promise<Centre[]> {
  const body = await getJson<{ items: Centre[] }>('/api/v1/centres', { signal });
  return body.items;
}
