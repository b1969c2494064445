import { book, bookingBody, nextCpr } from './bookings';
import { createOffering, createOfferingSetup, createService } from './factories';
import { asStaff, createStaff, type Session, signIn } from './staff';
import type { TestApp } from './test-app';

/** Today in tests (TEST_NOW is 09:00 on Sunday 29 November 2026 in Bahrain). */
export const TODAY = '2026-11-29';
export const at = (hhmm: string, date = TODAY) => `${date}T${hhmm}:00+03:00`;

/**
 * A centre with two services (P passports, walk-ins allowed; R residency), counter 1 serving P
 * and counter 2 serving both, and one person of each hall role plus a kiosk and a board.
 */
export async function createHall(t: TestApp, options: { walkInDailyCapacity?: number | null } = {}) {
  const setup = await createOfferingSetup(t.db, {
    service: { letter: 'P', minLeadMinutes: 0, walkIns: true },
    offering: { capacity: 50, walkInDailyCapacity: options.walkInDailyCapacity ?? null },
  });
  const residency = await createService(t.db, { letter: 'R', minLeadMinutes: 0, walkIns: false });
  await createOffering(t.db, setup.centre.id, residency.id, { capacity: 50 });
  const centreId = setup.centre.id;
  const admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
  const counter = async (number: number, serviceIds: string[]) => {
    const res = await asStaff(t, admin, 'POST', `/api/v1/admin/centres/${centreId}/counters`, {
      number,
      name: { en: `Counter ${number}`, ar: `الشباك ${number}` },
      serviceIds,
    });
    if (res.statusCode !== 201) throw new Error(`counter: ${res.body}`);
    return res.json() as { id: string; number: number };
  };
  const device = async (kind: 'kiosk' | 'board') => {
    const res = await asStaff(t, admin, 'POST', `/api/v1/admin/centres/${centreId}/devices`, {
      kind,
      name: `${kind} 1`,
    });
    if (res.statusCode !== 201) throw new Error(`device: ${res.body}`);
    return { authorization: `Bearer ${res.json().token}` };
  };
  const person = async (role: 'receptionist' | 'counter_agent') =>
    signIn(t, (await createStaff(t.db, { role, centreIds: [centreId] })).email);
  return {
    ...setup,
    centreId,
    residency,
    admin,
    counter1: await counter(1, [setup.service.id]),
    counter2: await counter(2, [setup.service.id, residency.id]),
    receptionist: await person('receptionist'),
    agent: await person('counter_agent'),
    agent2: await person('counter_agent'),
    kiosk: await device('kiosk'),
    board: await device('board'),
  };
}
export type HallSetup = Awaited<ReturnType<typeof createHall>>;

/** A booking today (or on `date`) at `hhmm`, made through the API. */
export async function bookAt(
  t: TestApp,
  hall: HallSetup,
  hhmm: string,
  options: { date?: string; serviceId?: string; cpr?: string; email?: string } = {},
) {
  const cpr = options.cpr ?? nextCpr();
  const body = bookingBody(
    { centre: hall.centre, service: { id: options.serviceId ?? hall.service.id } },
    at(hhmm, options.date),
    { cpr, ...(options.email ? { email: options.email } : {}) },
  );
  const res = await book(t, body);
  if (res.statusCode !== 201) throw new Error(`booking: ${res.body}`);
  return { ...(res.json() as { reference: string; manageToken: string }), cpr };
}

export function checkIn(t: TestApp, hall: HallSetup, payload: object, as: Session | Record<string, string>) {
  return request(t, 'POST', `/api/v1/centres/${hall.centreId}/check-ins`, payload, as);
}

export function walkIn(t: TestApp, hall: HallSetup, payload: object, as: Session | Record<string, string>) {
  return request(t, 'POST', `/api/v1/centres/${hall.centreId}/walk-ins`, payload, as);
}

/** A request as staff (a Session) or a device (its authorization header). */
export function request(
  t: TestApp,
  method: 'GET' | 'POST',
  url: string,
  payload: object | undefined,
  as: Session | Record<string, string>,
) {
  const headers = 'csrf' in as ? (as as Session).headers : (as as Record<string, string>);
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

/** A counter action as an agent: open, close, call-next, or an action on a ticket. */
export function counterAction(t: TestApp, as: Session, counterId: string, action: string, payload?: object) {
  return request(t, 'POST', `/api/v1/counters/${counterId}/${action}`, payload, as);
}
