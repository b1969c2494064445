import type { Availability, Centre, CentreDetail, Service } from '@mawaeed/core/contracts/catalogue';
import { getJson } from './http';

export type { Availability, Centre, CentreDetail, Service };
export type AvailabilityDay = Availability['days'][number];
export type AvailabilitySlot = AvailabilityDay['slots'][number];

/** The switches that shape the booking journey on this deployment. */
export type Settings = { otp: boolean; captcha: boolean; country: string };

export async function fetchSettings(signal?: AbortSignal): Promise<Settings> {
  return getJson<Settings>('/api/v1/settings', { signal });
}

export async function fetchCentres(signal?: AbortSignal): Promise<Centre[]> {
  const body = await getJson<{ items: Centre[] }>('/api/v1/centres', { signal });
  return body.items;
}

export async function fetchCentre(centreId: string, signal?: AbortSignal): Promise<CentreDetail> {
  return getJson<CentreDetail>(`/api/v1/centres/${encodeURIComponent(centreId)}`, { signal });
}

export async function fetchServices(signal?: AbortSignal): Promise<Service[]> {
  const body = await getJson<{ items: Service[] }>('/api/v1/services', { signal });
  return body.items;
}

export async function fetchAvailability(
  query: { centreId: string; serviceId: string; from: string; to: string },
  signal?: AbortSignal,
): Promise<Availability> {
  const params = new URLSearchParams({ service: query.serviceId, from: query.from, to: query.to });
  return getJson<Availability>(
    `/api/v1/centres/${encodeURIComponent(query.centreId)}/availability?${params}`,
    {
      signal,
    },
  );
}
