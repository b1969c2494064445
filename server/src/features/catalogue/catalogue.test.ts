import { Availability } from '@mawaeed/core/contracts/catalogue';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerings } from '../../db/schema';
import { createClosure, createOfferingSetup, createSpecialPeriod, takeSeats } from '../../test/factories';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/test-app';

let t: TestApp;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;

beforeAll(async () => {
  t = await buildTestApp();
  setup = await createOfferingSetup(t.db, {
    service: { minLeadMinutes: 60, maxDaysAhead: 40 },
    offering: { slotMinutes: 15, capacity: 2, capacityRules: [{ from: '07:00', to: '08:00', capacity: 3 }] },
  });
  await createClosure(t.db, {
    date: '2026-12-16',
    kind: 'holiday',
    name: { en: 'National Day', ar: 'العيد الوطني' },
    provisional: false,
  });
  await createClosure(t.db, {
    centreId: setup.centre.id,
    date: '2026-12-09',
    kind: 'closure',
    name: { en: 'Maintenance', ar: 'صيانة' },
  });
  await createSpecialPeriod(t.db, {
    centreId: setup.centre.id,
    name: { en: 'Ramadan', ar: 'رمضان' },
    startsOn: '2026-12-20',
    endsOn: '2026-12-24',
    weeklyHours: {
      sun: [{ open: '08:00', close: '14:00' }],
      mon: [{ open: '08:00', close: '14:00' }],
      tue: [{ open: '08:00', close: '14:00' }],
      wed: [{ open: '08:00', close: '14:00' }],
      thu: [{ open: '08:00', close: '14:00' }],
      fri: [],
      sat: [],
    },
    provisional: true,
  });
});
afterAll(() => t.close());

const availability = (query: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/centres/${setup.centre.id}/availability?${query}` });

describe('centres and services', () => {
  it('lists centres with the services they offer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/centres' });
    expect(res.statusCode).toBe(200);
    const centre = res.json().items.find((c: { id: string }) => c.id === setup.centre.id);
    expect(centre).toMatchObject({
      name: setup.centre.name,
      timeZone: 'Asia/Bahrain',
      location: { lat: setup.centre.lat, lng: setup.centre.lng },
      services: [setup.service.id],
    });
    expect(centre.weeklyHours.fri).toEqual([]);
  });

  it('shows one centre with its coming closures, national and its own', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/centres/${setup.centre.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().closures.map((c: { date: string; kind: string }) => [c.date, c.kind])).toEqual([
      ['2026-12-09', 'closure'],
      ['2026-12-16', 'holiday'],
    ]);
    expect(res.json().specialPeriods[0]).toMatchObject({
      from: '2026-12-20',
      to: '2026-12-24',
      provisional: true,
    });
  });

  it('answers an unknown or malformed centre id with a problem, never a 500', async () => {
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/centres/6f1d2c3b-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const malformed = await t.app.inject({ method: 'GET', url: "/api/v1/centres/1' OR 1=1" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
  });

  it('lists services with their documents in both languages', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/services' });
    const service = res.json().items.find((s: { id: string }) => s.id === setup.service.id);
    expect(service).toEqual({
      id: setup.service.id,
      code: setup.service.code,
      name: setup.service.name,
      description: setup.service.description,
      durationMinutes: 15,
      documents: setup.service.documents,
      walkIns: true,
    });
  });
});

describe('availability', () => {
  it('lists every date of the inclusive range with its reason when closed', async () => {
    const res = await availability(`service=${setup.service.id}&from=2026-12-03&to=2026-12-21`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.timeZone).toBe('Asia/Bahrain');
    expect(body.days).toHaveLength(19);
    const byDate = Object.fromEntries(body.days.map((d: { date: string }) => [d.date, d]));
    expect(byDate['2026-12-03'].open).toBe(true);
    expect(byDate['2026-12-04']).toMatchObject({ open: false, reason: 'WEEKLY_CLOSED', slots: [] });
    expect(byDate['2026-12-09']).toMatchObject({
      open: false,
      reason: 'CLOSURE',
      reasonName: { en: 'Maintenance', ar: 'صيانة' },
    });
    expect(byDate['2026-12-16']).toMatchObject({
      open: false,
      reason: 'HOLIDAY',
      reasonName: { en: 'National Day' },
    });
    expect(byDate['2026-12-20'].slots[0].start).toBe('2026-12-20T08:00:00+03:00');
  });

  it('writes slots with the centre’s offset and capacity by time of day', async () => {
    const res = await availability(`service=${setup.service.id}&from=2026-12-06&to=2026-12-06`);
    const [day] = res.json().days;
    expect(day.slots[0]).toEqual({
      start: '2026-12-06T07:00:00+03:00',
      end: '2026-12-06T07:15:00+03:00',
      remaining: 3,
    });
    expect(day.slots.find((s: { start: string }) => s.start === '2026-12-06T08:00:00+03:00').remaining).toBe(
      2,
    );
    expect(day.slots.at(-1).start).toBe('2026-12-06T14:00:00+03:00');
  });

  it('keeps full slots listed with nothing remaining', async () => {
    await takeSeats(t.db, setup.offering.id, new Date('2026-12-07T05:00:00Z'), 2, 2);
    await takeSeats(t.db, setup.offering.id, new Date('2026-12-07T05:15:00Z'), 1, 2);
    const res = await availability(`service=${setup.service.id}&from=2026-12-07&to=2026-12-07`);
    const slots = res.json().days[0].slots;
    expect(slots.find((s: { start: string }) => s.start === '2026-12-07T08:00:00+03:00').remaining).toBe(0);
    expect(slots.find((s: { start: string }) => s.start === '2026-12-07T08:15:00+03:00').remaining).toBe(1);
  });

  it('answers exactly what its published schema describes (written without parsing it again)', async () => {
    const res = await availability(`service=${setup.service.id}&from=2026-12-05&to=2026-12-24`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Availability.parse(body)).toEqual(body);
  });

  it('closes days outside the booking window', async () => {
    const res = await availability(`service=${setup.service.id}&from=2026-11-25&to=2027-01-10`);
    const byDate = Object.fromEntries(res.json().days.map((d: { date: string }) => [d.date, d]));
    expect(byDate['2026-11-25']).toMatchObject({ open: false, reason: 'OUTSIDE_BOOKING_WINDOW' });
    expect(byDate['2027-01-07']).toMatchObject({ open: true }); // today + 40
    expect(byDate['2027-01-10']).toMatchObject({ open: false, reason: 'OUTSIDE_BOOKING_WINDOW' });
  });

  it.each([
    ['from after to', 'from=2026-12-10&to=2026-12-01'],
    ['more than 62 days', 'from=2026-12-01&to=2027-02-01'],
    ['a date that does not exist', 'from=2026-02-30&to=2026-03-01'],
    ['a date in another format', 'from=01/12/2026&to=2026-12-02'],
    ['an unknown query parameter', 'from=2026-12-01&to=2026-12-02&debug=1'],
  ])('refuses %s with VALIDATION_FAILED', async (_name, range) => {
    const res = await availability(`service=${setup.service.id}&${range}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
  });

  it('accepts exactly 62 days', async () => {
    const res = await availability(`service=${setup.service.id}&from=2026-12-01&to=2027-01-31`);
    expect(res.statusCode).toBe(200);
    expect(res.json().days).toHaveLength(62);
  });

  it('refuses a missing or malformed service, and answers 404 for one the centre does not offer', async () => {
    expect((await availability('from=2026-12-01&to=2026-12-02')).statusCode).toBe(400);
    expect((await availability('service=abc&from=2026-12-01&to=2026-12-02')).statusCode).toBe(400);
    const other = await availability(
      'service=6f1d2c3b-0000-4000-8000-000000000000&from=2026-12-01&to=2026-12-02',
    );
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('NOT_FOUND');
  });

  it('explains problems in Arabic when asked', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/centres/${setup.centre.id}/availability?service=${setup.service.id}&from=2026-12-10&to=2026-12-01`,
      headers: { 'accept-language': 'ar-BH,ar;q=0.9,en;q=0.5' },
    });
    expect(res.json().detail).toBe('بعض المعلومات المرسلة غير صالحة.');
    expect(res.headers['content-language']).toBe('ar');
  });
});

describe('the availability cache', () => {
  // The app keeps its recent answers, and sends one again only after a read shows the seats,
  // the catalogue's version and the clock unchanged. Every change below is written straight
  // into the database, as another instance, the operator CLI or an import would write it: the
  // very next answer must show it, with nothing told to the app.
  it('shows a seat taken, a closure, a capacity change and the clock moving in the very next answer', async () => {
    const own = await createOfferingSetup(t.db, {
      service: { minLeadMinutes: 60, maxDaysAhead: 40 },
      offering: { slotMinutes: 30, capacity: 2 },
    });
    const ask = async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/centres/${own.centre.id}/availability?service=${own.service.id}&from=2026-11-29&to=2026-12-02`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      return { text: res.body, body: Availability.parse(res.json()) };
    };
    const day = (answer: Awaited<ReturnType<typeof ask>>, date: string) =>
      answer.body.days.find((d) => d.date === date);
    const seats = (answer: Awaited<ReturnType<typeof ask>>, start: string) =>
      day(answer, start.slice(0, 10))?.slots.find((s) => s.start === start)?.remaining;

    const first = await ask();
    expect(seats(first, '2026-11-30T08:00:00+03:00')).toBe(2);
    expect((await ask()).text).toBe(first.text);

    await takeSeats(t.db, own.offering.id, new Date('2026-11-30T05:00:00Z'), 1, 2);
    expect(seats(await ask(), '2026-11-30T08:00:00+03:00')).toBe(1);

    await createClosure(t.db, {
      centreId: own.centre.id,
      date: '2026-12-01',
      kind: 'closure',
      name: { en: 'Works', ar: 'أعمال' },
    });
    expect(day(await ask(), '2026-12-01')).toMatchObject({ open: false, reason: 'CLOSURE' });

    await t.db.update(offerings).set({ capacity: 5 }).where(eq(offerings.id, own.offering.id));
    const wider = await ask();
    expect(seats(wider, '2026-11-30T08:00:00+03:00')).toBe(4);
    expect(seats(wider, '2026-11-30T08:30:00+03:00')).toBe(5);

    // Sunday 09:00 in Bahrain with an hour's lead: 10:00 is the first slot today until 09:00 has passed.
    const today = (answer: Awaited<ReturnType<typeof ask>>) => {
      const d = day(answer, '2026-11-29');
      return d?.open ? d.slots[0]?.start : d?.reason;
    };
    expect(today(wider)).toBe('2026-11-29T10:00:00+03:00');
    try {
      t.clock.set('2026-11-29T06:00:00.001Z');
      expect(today(await ask())).toBe('2026-11-29T10:30:00+03:00');
      t.clock.set(TEST_NOW); // and back: an answer is never sent before the time it was made
      expect(today(await ask())).toBe('2026-11-29T10:00:00+03:00');
    } finally {
      t.clock.set(TEST_NOW);
    }
  });
});
