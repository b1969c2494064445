import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staff } from '../../db/schema-staff';
import { createOfferingSetup } from '../../test/factories';
import { signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { ensureDemoStaff } from './accounts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('demo accounts', () => {
  it('exist only once demo mode creates them, one per role, and each can sign in', async () => {
    expect(await t.db.select().from(staff)).toEqual([]);
    await createOfferingSetup(t.db);
    const accounts = await ensureDemoStaff(t.db);
    await ensureDemoStaff(t.db);
    expect(accounts.map((a) => a.role).sort()).toEqual([
      'administrator',
      'centre_manager',
      'counter_agent',
      'receptionist',
    ]);
    for (const a of accounts) {
      const session = await signIn(t, a.email, a.password);
      const me = await t.app.inject({ url: '/api/v1/auth/session', headers: session.headers });
      expect(me.json().staff.role).toBe(a.role);
      if (a.role !== 'administrator') expect(me.json().staff.centreIds).toHaveLength(1);
    }
  });
});
