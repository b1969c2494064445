import type { TestApp } from './test-app';

let cprSeq = 100_000_000 + Math.floor(Math.random() * 800_000_000);

/** A CPR no other test in this file uses. */
export function nextCpr(): string {
  cprSeq += 7;
  return String(cprSeq).padStart(9, '0');
}

export function bookingBody(
  setup: { centre: { id: string }; service: { id: string } },
  start: string,
  customer: Partial<{ cpr: string; name: string; mobile: string; email: string; language: 'en' | 'ar' }> = {},
) {
  return {
    centreId: setup.centre.id,
    serviceId: setup.service.id,
    start,
    customer: {
      cpr: nextCpr(),
      name: 'Fatima Ali',
      mobile: '36001234',
      language: 'en' as const,
      ...customer,
    },
  };
}

export async function book(t: TestApp, body: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: body as object, headers });
}

export function manage(
  t: TestApp,
  reference: string,
  token: string | undefined,
  path = '',
  init: { method?: 'GET' | 'POST'; payload?: object; headers?: Record<string, string> } = {},
) {
  return t.app.inject({
    method: init.method ?? 'GET',
    url: `/api/v1/bookings/${reference}${path}`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
    ...(init.payload ? { payload: init.payload } : {}),
  });
}
