import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centres, closures, offerings, services, specialPeriods } from '../../db/schema';
import { buildTestApp, type TestApp } from '../../test/test-app';
import bahrain from './bahrain.json' with { type: 'json' };
import { loadDemoData } from './load';
import { Seed } from './seed-format';
import { importSeed } from './service';

type Item = { id: string; code: string; name: { en: string }; services: string[] };

async function tableSizes(t: TestApp) {
  const size = async (
    table: typeof centres | typeof services | typeof offerings | typeof closures | typeof specialPeriods,
  ) => (await t.db.select({ n: count() }).from(table))[0]?.n;
  return {
    centres: await size(centres),
    services: await size(services),
    offerings: await size(offerings),
    closures: await size(closures),
    specialPeriods: await size(specialPeriods),
  };
}

describe('demo data in an empty database', () => {
  let t: TestApp;
  let loaded: Awaited<ReturnType<typeof loadDemoData>>;
  beforeAll(async () => {
    t = await buildTestApp();
    loaded = await loadDemoData({ db: t.db, clock: t.clock });
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const centreByCode = async (code: string) => {
    const items: Item[] = (await get('/api/v1/centres')).json().items;
    const seeded = Seed.parse(bahrain).centres.find((c) => c.code === code);
    const centre = items.find((c) => c.name.en === seeded?.name.en);
    if (!centre) throw new Error(`no centre ${code}`);
    return centre;
  };
  const serviceByCode = async (code: string) => {
    const items: Item[] = (await get('/api/v1/services')).json().items;
    const service = items.find((s) => s.code === code);
    if (!service) throw new Error(`no service ${code}`);
    return service;
  };

  it('loads centres, services, offerings, national holidays and Ramadan hours, and says how many', async () => {
    expect(loaded).toEqual({
      centres: 5,
      services: 10,
      offerings: 18,
      // Gregorian 2026–2028 and Hijri 1448–1449: the current and the next Hijri year at 2026-11-29.
      holidays: 34,
      // Ramadan 1448 and 1449 at each of the 5 centres.
      specialPeriods: 10,
    });
    expect(await tableSizes(t)).toEqual({
      centres: 5,
      services: 10,
      offerings: 18,
      closures: 34,
      specialPeriods: 10,
    });
  });

  it('does nothing the second time, so a restart keeps what staff changed', async () => {
    const before = await tableSizes(t);
    expect(await loadDemoData({ db: t.db, clock: t.clock })).toBeNull();
    expect(await tableSizes(t)).toEqual(before);
  });

  it('shows every centre with the services it offers, and every service', async () => {
    const centreItems: Item[] = (await get('/api/v1/centres')).json().items;
    expect(centreItems.length).toBeGreaterThanOrEqual(4);
    for (const c of centreItems) expect(c.services.length).toBeGreaterThan(0);
    const serviceItems: Item[] = (await get('/api/v1/services')).json().items;
    expect(serviceItems.length).toBeGreaterThanOrEqual(8);
    // The seed's order, not the alphabet: passport renewal comes first.
    expect(serviceItems[0]?.code).toBe('passport-renewal');
  });

  it('closes every centre on National Day, with the holiday named in both languages', async () => {
    const centre = await centreByCode('isa-town-traffic');
    const service = await serviceByCode('driving-licence-renewal');
    const res = await get(
      `/api/v1/centres/${centre.id}/availability?service=${service.id}&from=2026-12-15&to=2026-12-17`,
    );
    expect(res.statusCode).toBe(200);
    const [before, nationalDay, accession] = res.json().days;
    expect(before).toMatchObject({ date: '2026-12-15', open: true });
    expect(before.slots[0].remaining).toBe(8); // the morning capacity rule
    expect(nationalDay).toMatchObject({
      date: '2026-12-16',
      open: false,
      reason: 'HOLIDAY',
      reasonName: { en: 'National Day', ar: 'العيد الوطني' },
    });
    expect(accession).toMatchObject({ open: false, reason: 'HOLIDAY' });
  });

  it('opens at 08:00 instead of 07:00 during the computed Ramadan, and closes for Eid', async () => {
    const centre = await centreByCode('isa-town');
    const detail = (await get(`/api/v1/centres/${centre.id}`)).json();
    expect(detail.specialPeriods[0]).toMatchObject({
      from: '2027-02-08',
      to: '2027-03-08',
      name: { en: 'Ramadan hours', ar: 'دوام شهر رمضان' },
      provisional: true,
    });
    expect(detail.closures).toContainEqual(
      expect.objectContaining({
        date: '2027-03-09',
        name: { en: 'Eid al-Fitr', ar: 'عيد الفطر' },
        provisional: true,
      }),
    );

    const service = await serviceByCode('passport-renewal');
    const res = await get(
      `/api/v1/centres/${centre.id}/availability?service=${service.id}&from=2027-02-07&to=2027-02-08`,
    );
    const [lastSundayBefore, firstDayOfRamadan] = res.json().days;
    expect(lastSundayBefore.slots[0].start).toBe('2027-02-07T07:00:00+03:00');
    expect(firstDayOfRamadan.slots[0].start).toBe('2027-02-08T08:00:00+03:00');
    expect(firstDayOfRamadan.slots.at(-1).end).toBe('2027-02-08T14:00:00+03:00');
  });
});

describe('a seed that fails half way', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('leaves nothing behind', async () => {
    const seed = Seed.parse(bahrain);
    // Skips validation on purpose: the second copy of a centre breaks its unique code mid-import.
    const broken = { ...seed, centres: [...seed.centres, seed.centres[0] as Seed['centres'][number]] };
    await expect(importSeed({ db: t.db, clock: t.clock }, broken)).rejects.toThrow();
    expect(await tableSizes(t)).toEqual({
      centres: 0,
      services: 0,
      offerings: 0,
      closures: 0,
      specialPeriods: 0,
    });
  });
});
