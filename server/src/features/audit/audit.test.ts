import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { messages } from '../../db/schema';
import { book, bookingBody } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { asStaff, createStaff, type Session, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

/**
 * Every kind of staff change leaves one audit row naming who did it, what it touched and
 * before → after, in the change's own transaction; none copies a person's CPR, mobile, name or note.
 */
let t: TestApp;
let admin: Session;
let adminId: string;
let setup: Awaited<ReturnType<typeof createOfferingSetup>>;
const PERSON = {
  cpr: '880101234',
  name: 'Maryam Yusuf Haddad',
  mobile: '36991122',
  email: 'maryam@example.bh',
};

beforeAll(async () => {
  t = await buildTestApp();
  const member = await createStaff(t.db, { role: 'administrator' });
  adminId = member.id;
  admin = await signIn(t, member.email);
  setup = await createOfferingSetup(t.db, { offering: { capacity: 1 } });
});
afterAll(() => t.close());

const HOURS = {
  sun: [{ open: '08:00', close: '12:00' }],
  mon: [{ open: '08:00', close: '12:00' }],
  tue: [{ open: '08:00', close: '12:00' }],
  wed: [{ open: '08:00', close: '12:00' }],
  thu: [{ open: '08:00', close: '12:00' }],
  fri: [],
  sat: [],
};
const centreBody = (code: string) => ({
  code,
  name: { en: 'Hidd Centre', ar: 'مركز الحد' },
  address: { en: 'Hidd', ar: 'الحد' },
  phone: '+973 1700 1111',
  location: { lat: 26.24, lng: 50.65 },
  timeZone: 'Asia/Bahrain',
  weeklyHours: HOURS,
});

/** Ids the steps hand on to each other. */
const ids: Record<string, string> = {};
const keep = (name: string, id: string) => {
  ids[name] = id;
  return id;
};
const call = async (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: object) => {
  const res = await asStaff(t, admin, method, url, body);
  expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(300);
  return res.statusCode === 204 ? {} : res.json();
};

type Step = {
  change: string;
  /** Makes the change; returns the id of what it touched. */
  act: () => Promise<string>;
  entity: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

const STEPS: Step[] = [
  {
    change: 'centre created',
    act: async () => keep('centre', (await call('POST', '/api/v1/admin/centres', centreBody('hidd'))).id),
    entity: 'centre',
    action: 'create',
    before: null,
    after: { code: 'hidd', copiedFrom: null },
  },
  {
    change: 'centre copied',
    act: async () => {
      const copy = await call('POST', '/api/v1/admin/centres', {
        ...centreBody('hidd-2'),
        weeklyHours: undefined,
        copyFrom: setup.centre.id,
      });
      return keep('copy', copy.id);
    },
    entity: 'centre',
    action: 'create',
    after: { code: 'hidd-2', copiedFrom: expect.any(String) },
  },
  {
    change: 'centre updated',
    act: async () =>
      (await call('PATCH', `/api/v1/admin/centres/${ids.centre}`, { phone: '+973 1700 2222' })).id,
    entity: 'centre',
    action: 'update',
    before: { phone: '+973 1700 1111' },
    after: { phone: '+973 1700 2222' },
  },
  {
    change: 'weekly hours applied to a group',
    act: async () => {
      await call('POST', '/api/v1/admin/weekly-hours', {
        centreIds: [ids.centre, ids.copy],
        weeklyHours: { ...HOURS, thu: [] },
      });
      return ids.centre ?? '';
    },
    entity: 'centre',
    action: 'update',
    before: { weeklyHours: HOURS },
    after: { weeklyHours: { ...HOURS, thu: [] } },
  },
  {
    change: 'service created',
    act: async () =>
      keep(
        'service',
        (
          await call('POST', '/api/v1/admin/services', {
            code: 'visa',
            letter: 'V',
            name: { en: 'Visa', ar: 'تأشيرة' },
            description: { en: 'Visa', ar: 'تأشيرة' },
            durationMinutes: 10,
            documents: { en: [], ar: [] },
            walkIns: true,
            minLeadMinutes: 60,
            maxDaysAhead: 30,
            perPersonLimit: 1,
          })
        ).id,
      ),
    entity: 'service',
    action: 'create',
    after: { code: 'visa', durationMinutes: 10 },
  },
  {
    change: 'service updated',
    act: async () =>
      (await call('PATCH', `/api/v1/admin/services/${ids.service}`, { durationMinutes: 20 })).id,
    entity: 'service',
    action: 'update',
    before: { durationMinutes: 10 },
    after: { durationMinutes: 20 },
  },
  {
    change: 'offering created',
    act: async () =>
      keep(
        'offering',
        (
          await call('PUT', `/api/v1/admin/centres/${ids.centre}/offerings/${ids.service}`, {
            slotMinutes: 20,
            capacity: 2,
          })
        ).id,
      ),
    entity: 'offering',
    action: 'create',
    before: null,
    after: { capacity: 2, slotMinutes: 20 },
  },
  {
    change: 'offering updated',
    act: async () =>
      (
        await call('PUT', `/api/v1/admin/centres/${ids.centre}/offerings/${ids.service}`, {
          slotMinutes: 20,
          capacity: 3,
        })
      ).id,
    entity: 'offering',
    action: 'update',
    before: { capacity: 2 },
    after: { capacity: 3 },
  },
  {
    change: 'special period created',
    act: async () =>
      keep(
        'period',
        (
          await call('POST', '/api/v1/admin/special-periods', {
            centreIds: [ids.centre],
            name: { en: 'Ramadan', ar: 'رمضان' },
            startsOn: '2027-02-08',
            endsOn: '2027-03-09',
            weeklyHours: HOURS,
          })
        ).items[0].id,
      ),
    entity: 'special_period',
    action: 'create',
    before: null,
    after: { startsOn: '2027-02-08', endsOn: '2027-03-09' },
  },
  {
    change: 'special period deleted',
    act: async () => {
      await call('DELETE', `/api/v1/admin/special-periods/${ids.period}`);
      return ids.period ?? '';
    },
    entity: 'special_period',
    action: 'delete',
    before: { startsOn: '2027-02-08' },
    after: null,
  },
  {
    change: 'closure created',
    act: async () =>
      keep(
        'closure',
        (
          await call('POST', '/api/v1/admin/closures', {
            centreIds: [ids.centre],
            date: '2027-01-05',
            kind: 'closure',
            name: { en: 'Works', ar: 'أعمال' },
          })
        ).items[0].id,
      ),
    entity: 'closure',
    action: 'create',
    before: null,
    after: { date: '2027-01-05', kind: 'closure' },
  },
  {
    change: 'closure deleted',
    act: async () => {
      await call('DELETE', `/api/v1/admin/closures/${ids.closure}`);
      return ids.closure ?? '';
    },
    entity: 'closure',
    action: 'delete',
    before: { date: '2027-01-05' },
    after: null,
  },
  {
    change: 'counter created',
    act: async () =>
      keep(
        'counter',
        (
          await call('POST', `/api/v1/admin/centres/${ids.centre}/counters`, {
            number: 7,
            name: { en: 'Counter 7', ar: 'الشباك 7' },
            serviceIds: [ids.service],
          })
        ).id,
      ),
    entity: 'counter',
    action: 'create',
    before: null,
    after: { number: 7 },
  },
  {
    change: 'counter updated',
    act: async () => (await call('PATCH', `/api/v1/admin/counters/${ids.counter}`, { serviceIds: [] })).id,
    entity: 'counter',
    action: 'update',
    before: { serviceIds: [expect.any(String)] },
    after: { serviceIds: [] },
  },
  {
    change: 'device registered',
    act: async () =>
      keep(
        'device',
        (
          await call('POST', `/api/v1/admin/centres/${ids.centre}/devices`, {
            kind: 'kiosk',
            name: 'Entrance',
          })
        ).id,
      ),
    entity: 'device',
    action: 'create',
    before: null,
    after: { kind: 'kiosk', name: 'Entrance' },
  },
  {
    change: 'device revoked',
    act: async () => (await call('POST', `/api/v1/admin/devices/${ids.device}/revoke`)).id,
    entity: 'device',
    action: 'revoke',
    before: { revokedAt: null },
    after: { revokedAt: expect.any(String) },
  },
  {
    change: 'staff created',
    act: async () =>
      keep(
        'staff',
        (
          await call('POST', '/api/v1/admin/staff', {
            email: 'agent.audit@test.mawaeed.bh',
            name: 'Audit Agent',
            role: 'counter_agent',
            centreIds: [ids.centre],
            password: 'a long enough passphrase',
          })
        ).id,
      ),
    entity: 'staff',
    action: 'create',
    before: null,
    after: { role: 'counter_agent', centreIds: [expect.any(String)] },
  },
  {
    change: 'staff updated',
    act: async () => (await call('PATCH', `/api/v1/admin/staff/${ids.staff}`, { role: 'receptionist' })).id,
    entity: 'staff',
    action: 'update',
    before: { role: 'counter_agent' },
    after: { role: 'receptionist' },
  },
  {
    change: 'staff disabled',
    act: async () => (await call('PATCH', `/api/v1/admin/staff/${ids.staff}`, { active: false })).id,
    entity: 'staff',
    action: 'update',
    before: { active: true },
    after: { active: false },
  },
  {
    change: 'a failed message retried',
    act: async () => {
      const res = await book(t, bookingBody(setup, '2026-12-01T08:00:00+03:00', PERSON));
      expect(res.statusCode).toBe(201);
      ids.booking = res.json().reference;
      const [sms] = await t.db
        .update(messages)
        .set({ status: 'failed', lastError: 'Error: gateway said no' })
        .where(eq(messages.channel, 'sms'))
        .returning({ id: messages.id });
      await call('POST', `/api/v1/admin/messages/${sms?.id}/retry`);
      return sms?.id ?? '';
    },
    entity: 'message',
    action: 'retry',
    before: { status: 'failed', kind: 'confirmation', channel: 'sms' },
    after: { status: 'pending' },
  },
  {
    change: 'a booking cancelled by an admin change',
    act: async () => {
      await call('POST', '/api/v1/admin/closures', {
        centreIds: [setup.centre.id],
        date: '2026-12-01',
        kind: 'closure',
        name: { en: 'Works', ar: 'أعمال' },
        onAffected: 'cancel',
      });
      const [row] = await queryRows<{ id: string }>(
        t.db,
        sql`SELECT id FROM bookings WHERE reference = ${ids.booking ?? ''}`,
      );
      return row?.id ?? '';
    },
    entity: 'booking',
    action: 'cancel',
    before: { status: 'confirmed' },
    after: { status: 'cancelled', reason: 'admin_change' },
  },
];

describe('an audit row for each kind of staff change', () => {
  it.each(STEPS)('$change', async (step) => {
    const entityId = await step.act();
    const res = await asStaff(
      t,
      admin,
      'GET',
      `/api/v1/admin/audit?entity=${step.entity}&entityId=${entityId}`,
    );
    const [row] = (res.json().items as Record<string, unknown>[]).filter((r) => r.action === step.action);
    expect(row).toMatchObject({ actorKind: 'staff', actorId: adminId, entity: step.entity, entityId });
    if (step.before !== undefined)
      expect(row?.before).toEqual(step.before === null ? null : expect.objectContaining(step.before));
    if (step.after !== undefined)
      expect(row?.after).toEqual(step.after === null ? null : expect.objectContaining(step.after));
  });

  it('copies no CPR, mobile, name, e-mail or password into any row', async () => {
    const rows = await queryRows<{ row: string }>(t.db, sql`SELECT a::text AS row FROM audit_log a`);
    expect(rows.length).toBeGreaterThanOrEqual(STEPS.length);
    const text = rows.map((r) => r.row).join('\n');
    for (const secret of [
      PERSON.cpr,
      PERSON.name,
      PERSON.mobile,
      '3699 1122',
      PERSON.email,
      'a long enough passphrase',
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/password_?hash|\$argon2/i);
  });
});

describe('the CSV export', () => {
  it('never hands a spreadsheet a formula: a cell starting with = + - or @ is prefixed with a quote', async () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+SUM(1)', '-2+3', '@cmd'];
    for (const [i, text] of hostile.entries())
      await t.db.execute(
        sql`INSERT INTO audit_log (at, actor_kind, action, entity, entity_id, "before")
            VALUES (now(), 'system', 'update', 'csv_probe', ${text}, ${JSON.stringify(`row ${i}`)}::jsonb)`,
      );
    const res = await asStaff(t, admin, 'GET', '/api/v1/admin/audit.csv?entity=csv_probe');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const cells = res.body
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.match(/"(?:[^"]|"")*"/g)?.[6]);
    expect(cells.sort()).toEqual(
      ['"\'=HYPERLINK(""http://evil.example"",""x"")"', '"\'+SUM(1)"', '"\'-2+3"', '"\'@cmd"'].sort(),
    );
  });
});
