import { nextCpr } from './bookings';
import type { TestApp } from './test-app';

/** A body joining the waitlist of a setup's service at its centre. */
export function joinBody(
  setup: { centre: { id: string }; service: { id: string } },
  over: Partial<{
    from: string;
    to: string;
    timesOfDay: ('morning' | 'afternoon' | 'evening')[];
    centreIds: string[];
    customer: Partial<{ cpr: string; name: string; mobile: string; email: string; language: 'en' | 'ar' }>;
  }> = {},
) {
  const { customer, ...rest } = over;
  return {
    serviceId: setup.service.id,
    centreIds: [setup.centre.id],
    from: '2026-12-01',
    to: '2026-12-03',
    timesOfDay: ['morning' as const],
    ...rest,
    customer: {
      cpr: nextCpr(),
      name: 'Maryam Hasan',
      mobile: '33001100',
      language: 'en' as const,
      ...customer,
    },
  };
}

export async function join(t: TestApp, body: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/waitlist', payload: body as object, headers });
}

/** A request with a waitlist entry's or offer's token. */
export function withToken(
  t: TestApp,
  method: 'GET' | 'POST',
  path: string,
  token: string | undefined,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url: `/api/v1/waitlist/${path}`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

/** Delivers what is due and returns the dev inbox (newest first). */
export async function inbox(t: TestApp): Promise<{ text: string; to: string; subject: string | null }[]> {
  await t.app.jobs.runDueJobs();
  return (await t.app.inject({ method: 'GET', url: '/api/v1/dev/inbox' })).json().items;
}

/** The token of the newest offer message to a masked mobile ending in `tail`. */
export async function offerToken(t: TestApp, tail: string): Promise<string | undefined> {
  const found = (await inbox(t)).find(
    (m) => m.to.endsWith(tail) && m.text.includes('/waitlist/offer#token='),
  );
  return found ? /#token=([\w-]+)/.exec(found.text)?.[1] : undefined;
}
