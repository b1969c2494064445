import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, bookAt, checkIn, counterAction, createHall, type HallSetup } from '../test/hall';
import { buildTestApp, TEST_NOW, type TestApp } from '../test/test-app';

/**
 * What the public API answers, field by field: every key path of each answer (array items
 * merged) must be on its allow-list. A field added to a public answer fails here until someone
 * decides it belongs there — the way a CPR, a full mobile or a staff name would otherwise leak.
 */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((v) => keyPaths(v, `${prefix}[]`)))];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => {
      const path = prefix ? `${prefix}.${k}` : k;
      return [path, ...keyPaths(v, path)];
    });
  return [];
}

const outside = (value: unknown, allowed: string[]) => keyPaths(value).filter((p) => !allowed.includes(p));

let t: TestApp;
let hall: HallSetup;
let booking: { reference: string; manageToken: string; cpr: string };
let ticketToken: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { MAWAEED_SESSION_IDLE_MINUTES: '720' } });
  t.clock.set(TEST_NOW);
  hall = await createHall(t);
  booking = await bookAt(t, hall, '09:30');
  t.clock.set(at('09:10'));
  const ticket = (await checkIn(t, hall, { reference: booking.reference }, hall.receptionist)).json();
  ticketToken = new URL(ticket.ticket.liveUrl ?? ticket.liveUrl).pathname.split('/').pop() as string;
  // Called to a counter, so the answers show a call too.
  t.clock.set(at('09:26'));
  await counterAction(t, hall.agent, hall.counter1.id, 'open');
  expect((await counterAction(t, hall.agent, hall.counter1.id, 'call-next')).statusCode).toBe(200);
});
afterAll(() => t.close());

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ url, headers });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

describe('public answers carry only their allowed fields', () => {
  it('a booking seen with its manage token: masked mobile, no CPR, no email in clear', async () => {
    const body = await get(`/api/v1/bookings/${booking.reference}`, {
      authorization: `Bearer ${booking.manageToken}`,
    });
    expect(JSON.stringify(body)).not.toContain(booking.cpr);
    expect(JSON.stringify(body)).not.toContain('36001234');
    expect(outside(body, ALLOWED.booking)).toEqual([]);
  });

  it('the hall picture and the live ticket: numbers and counters, never a person', async () => {
    const snapshot = await get(`/api/v1/centres/${hall.centreId}/hall`);
    expect(outside(snapshot, ALLOWED.hall)).toEqual([]);
    const live = await get(`/api/v1/tickets/${ticketToken}`);
    expect(JSON.stringify(live)).not.toContain('Fatima');
    expect(outside(live, ALLOWED.ticket)).toEqual([]);
    expect(
      outside(await get('/api/v1/hall/waiting'), ['items', 'items[].centreId', 'items[].waitingNow']),
    ).toEqual([]);
  });
});

// Written out by hand from today's contract: extend them on purpose, never by copying a failure.
const ALLOWED = {
  // The holder of the manage token sees their own name, never the CPR or the full mobile.
  booking: [
    'reference',
    'status',
    'centreId',
    'serviceId',
    'start',
    'end',
    'customer',
    'customer.name',
    'customer.mobileMasked',
    'customer.language',
  ],
  hall: [
    'centreId',
    'at',
    'waitingNow',
    'services',
    'services[].serviceId',
    'services[].letter',
    'services[].name',
    'services[].name.en',
    'services[].name.ar',
    'services[].waiting',
    'calls',
    'calls[].number',
    'calls[].serviceId',
    'calls[].counter',
    'calls[].counter.number',
    'calls[].counter.name',
    'calls[].counter.name.en',
    'calls[].counter.name.ar',
    'calls[].at',
    'lastEventId',
  ],
  // Whoever holds the ticket's link: where they are in the queue, and the counter once called.
  ticket: [
    'number',
    'centreId',
    'centreName',
    'centreName.en',
    'centreName.ar',
    'serviceId',
    'serviceName',
    'serviceName.en',
    'serviceName.ar',
    'status',
    'issuedAt',
    'position',
    'peopleAhead',
    'estimatedWaitMinutes',
    'counter',
    'counter.number',
    'counter.name',
    'counter.name.en',
    'counter.name.ar',
    'calledAt',
    'pollSeconds',
  ],
};
