import { planPublicCalendar } from '@mawaeed/core/calendar/public-calendar';
import { describe, expect, it } from 'vitest';
import bahrain from './bahrain.json' with { type: 'json' };
import { Seed } from './seed-format';

const seed = Seed.parse(bahrain);
type Edit = (s: Seed) => void;

function issuesOf(edit: Edit) {
  const copy = structuredClone(seed);
  edit(copy);
  const result = Seed.safeParse(copy);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const centre = (s: Seed, code: string) => {
  const c = s.centres.find((x) => x.code === code);
  if (!c) throw new Error(code);
  return c;
};

describe('the Bahrain seed', () => {
  it('holds ministry centres and services in both languages', () => {
    expect(seed.centres.length).toBeGreaterThanOrEqual(4);
    expect(seed.services.length).toBeGreaterThanOrEqual(8);
    expect(new Set(seed.services.map((s) => s.letter)).size).toBe(seed.services.length);
    for (const s of seed.services) expect(s.documents.ar).toHaveLength(s.documents.en.length);
    for (const c of seed.centres) {
      expect(c.timeZone).toBe('Asia/Bahrain');
      expect(c.phone).toMatch(/^\+973 17\d{2} \d{4}$/);
      expect(c.weeklyHours.thu).toEqual([{ open: '07:00', close: '14:00' }]);
    }
  });

  it('offers customs at the port and traffic at the traffic directorate only', () => {
    const offeredAt = (code: string) => centre(seed, code).offerings.map((o) => o.service);
    expect(offeredAt('khalifa-port-customs')).toEqual(['customs-declaration', 'personal-shipment-clearance']);
    expect(offeredAt('isa-town-traffic')).toEqual(['driving-licence-renewal', 'vehicle-registration']);
    expect(offeredAt('isa-town')).toContain('passport-renewal');
  });

  it("gives Bahrain's official holidays and Ramadan hours for the coming year", () => {
    const plan = planPublicCalendar(seed.calendar, '2026-11-29');
    const on = (date: string) => plan.holidays.find((h) => h.date === date);
    expect(on('2026-12-16')).toMatchObject({
      name: { en: 'National Day', ar: 'العيد الوطني' },
      provisional: false,
    });
    expect(on('2027-03-11')).toMatchObject({
      name: { en: 'Eid al-Fitr', ar: 'عيد الفطر' },
      provisional: true,
    });
    expect(on('2027-05-15')).toMatchObject({ name: { ar: 'يوم عرفة' } });
    expect(on('2027-06-15')).toMatchObject({ name: { ar: 'عاشوراء' } });
    expect(plan.specialPeriods[0]).toMatchObject({
      from: '2027-02-08',
      to: '2027-03-08',
      weeklyHours: { sun: [{ open: '08:00', close: '14:00' }], fri: [] },
    });
  });
});

describe('seed validation', () => {
  it.each<[string, Edit, string]>([
    [
      'an offering of a service the seed does not define',
      (s) => {
        centre(s, 'sitra').offerings.push({
          service: 'fishing-licence',
          slotMinutes: 15,
          capacity: 1,
          capacityRules: [],
        });
      },
      'Unknown service fishing-licence',
    ],
    [
      'two services with one ticket letter in the same hall',
      (s) => {
        const renewal = s.services.find((x) => x.code === 'residence-permit-renewal');
        if (renewal) renewal.letter = 'P';
      },
      'Letter P is taken in this centre',
    ],
    [
      'a service offered twice by one centre',
      (s) => {
        const c = centre(s, 'sitra');
        c.offerings.push({ ...(c.offerings[0] as Seed['centres'][number]['offerings'][number]) });
      },
      'passport-renewal is offered twice',
    ],
    [
      'overlapping capacity rules',
      (s) => {
        const o = centre(s, 'sitra').offerings[0];
        if (o)
          o.capacityRules = [
            { from: '07:00', to: '10:00', capacity: 3 },
            { from: '09:00', to: '11:00', capacity: 1 },
          ];
      },
      'Capacity rules must not overlap',
    ],
    [
      'a document without its Arabic name',
      (s) => {
        s.services[0]?.documents.en.push('Birth certificate');
      },
      'Every document needs its English and its Arabic name',
    ],
    [
      'a Hijri holiday on the 31st',
      (s) => {
        const rule = s.calendar.holidays.find((h) => h.calendar === 'hijri');
        if (rule) rule.day = 31;
      },
      'A Hijri month has at most 30 days',
    ],
    [
      'a duplicate centre code',
      (s) => {
        s.centres.push({ ...centre(s, 'sitra') });
      },
      'Centre code sitra is used twice',
    ],
  ])('refuses %s', (_name, edit, message) => {
    expect(issuesOf(edit).join('\n')).toContain(message);
  });
});
