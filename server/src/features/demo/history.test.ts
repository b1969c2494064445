import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalData } from '../../lib/personal-data';
import { assertInvariants } from '../../test/invariants';
import { createStaff, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { seedDemoHistory } from './history';
import { loadDemoData } from './load';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-12-02T06:00:00Z' });
});
afterAll(() => t.close());

describe('demo history', () => {
  it('gives the dashboard and the transparency page real figures from the first start', async () => {
    await loadDemoData({ db: t.db, clock: t.clock });
    const started = Date.now();
    const seeded = await seedDemoHistory({
      db: t.db,
      clock: t.clock,
      personalData: createPersonalData(t.dataKey),
    });
    const ms = Date.now() - started;
    expect(seeded.tickets).toBeGreaterThan(1000);
    // Demo data is data like any other: every invariant holds (booking histories included).
    await assertInvariants(t.db);
    expect(seeded.ratings).toBeGreaterThan(100);
    const admin = await signIn(t, (await createStaff(t.db, { role: 'administrator' })).email);
    const k = (
      await t.app.inject({
        url: '/api/v1/dashboard/kpis?from=2026-09-03&to=2026-12-01',
        headers: admin.headers,
      })
    ).json();
    expect(k.visits).toBe(seeded.tickets);
    expect(k.noShowRate).toBeGreaterThan(0.03);
    expect(k.noShowRate).toBeLessThan(0.25);
    expect(k.waitingMinutes.median).toBeGreaterThan(1);
    expect(k.satisfaction.count).toBe(seeded.ratings);
    const open = (await t.app.inject({ url: '/api/v1/transparency' })).json();
    expect(open.month).toBe('2026-11');
    expect(
      open.items.every((c: { appointmentCompliance: number | null }) => c.appointmentCompliance !== null),
    ).toBe(true);
    // Part of the first start's budget (15 s in all, with migrations and the catalogue).
    expect(ms).toBeLessThan(12_000);
  });
});

describe('the demo’s feedback invitations', () => {
  it('invites the newest visits even when the last working day is days back (Sunday afternoon)', async () => {
    // Thursday was the last working day; Friday and Saturday are the weekend.
    const sunday = await buildTestApp({ now: '2026-11-29T12:00:00Z' });
    try {
      await loadDemoData({ db: sunday.db, clock: sunday.clock });
      await seedDemoHistory({
        db: sunday.db,
        clock: sunday.clock,
        personalData: createPersonalData(sunday.dataKey),
      });
      expect(await sunday.app.feedback.inviteRecentVisits(3)).toBe(3);
    } finally {
      await sunday.close();
    }
  });
});
