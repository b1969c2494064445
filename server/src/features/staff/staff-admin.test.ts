import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre } from '../../test/factories';
import { asStaff, createStaff, type Session, signIn, TEST_PASSWORD } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Session;
let adminId: string;
let centreA: string;
let centreB: string;
beforeAll(async () => {
  t = await buildTestApp();
  centreA = (await createCentre(t.db)).id;
  centreB = (await createCentre(t.db)).id;
  const member = await createStaff(t.db, { role: 'administrator' });
  adminId = member.id;
  admin = await signIn(t, member.email);
});
afterAll(() => t.close());

const whoAmI = (s: Session) => t.app.inject({ url: '/api/v1/auth/session', headers: s.headers });
const patch = (s: Session, id: string, body: object) =>
  asStaff(t, s, 'PATCH', `/api/v1/admin/staff/${id}`, body);

async function auditOf(id: string) {
  const res = await asStaff(t, admin, 'GET', `/api/v1/admin/audit?entity=staff&entityId=${id}`);
  return res.json().items as { action: string; actorId: string; before: unknown; after: unknown }[];
}

describe('PATCH /admin/staff/{id}', () => {
  it('changes role and centres, ends the member’s sessions, and audits before → after without the hash', async () => {
    const member = await createStaff(t.db, { role: 'counter_agent', centreIds: [centreA] });
    const theirs = await signIn(t, member.email);
    const res = await patch(admin, member.id, { role: 'receptionist', centreIds: [centreB, centreA] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      role: 'receptionist',
      centreIds: [centreA, centreB].sort(),
      active: true,
    });
    expect((await whoAmI(theirs)).statusCode).toBe(401);
    const [row] = await auditOf(member.id);
    expect(row).toMatchObject({
      action: 'update',
      actorId: adminId,
      before: { role: 'counter_agent', centreIds: [centreA] },
      after: { role: 'receptionist' },
    });
    expect(JSON.stringify(row)).not.toMatch(/passwordHash|argon2/);
    // Only the name changing leaves their new session alone.
    const again = await signIn(t, member.email);
    expect((await patch(admin, member.id, { name: 'Layla' })).statusCode).toBe(200);
    expect((await whoAmI(again)).statusCode).toBe(200);
  });

  it('disabling ends every session of the account at once; re-enabling lets them sign in again', async () => {
    const member = await createStaff(t.db, { role: 'centre_manager', centreIds: [centreA] });
    const sessions = [await signIn(t, member.email), await signIn(t, member.email)];
    const disabled = await patch(admin, member.id, { active: false });
    expect(disabled.json()).toMatchObject({ active: false });
    for (const s of sessions) expect((await whoAmI(s)).statusCode).toBe(401);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: member.email, password: TEST_PASSWORD },
    });
    expect(refused.json().code).toBe('INVALID_CREDENTIALS');
    expect((await auditOf(member.id))[0]).toMatchObject({
      before: { active: true },
      after: { active: false },
    });
    expect((await patch(admin, member.id, { active: true })).json()).toMatchObject({ active: true });
    expect((await whoAmI(await signIn(t, member.email))).statusCode).toBe(200);
  });

  it('a new password ends their sessions and is audited as changed, never as text', async () => {
    const member = await createStaff(t.db, { role: 'receptionist', centreIds: [centreA] });
    const theirs = await signIn(t, member.email);
    expect((await patch(admin, member.id, { password: 'a brand new passphrase' })).statusCode).toBe(200);
    expect((await whoAmI(theirs)).statusCode).toBe(401);
    const [row] = await auditOf(member.id);
    expect(row?.after).toMatchObject({ passwordChanged: true });
    expect(JSON.stringify(row)).not.toContain('a brand new passphrase');
    await signIn(t, member.email, 'a brand new passphrase');
  });

  it('refuses bad input with a problem and changes nothing', async () => {
    const member = await createStaff(t.db, { role: 'counter_agent', centreIds: [centreA] });
    const unknownCentre = await patch(admin, member.id, {
      centreIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownCentre.statusCode).toBe(400);
    expect((await patch(admin, member.id, { role: 'janitor' })).statusCode).toBe(400);
    expect((await patch(admin, member.id, { password: 'short' })).statusCode).toBe(400);
    expect((await patch(admin, '00000000-0000-4000-8000-000000000000', { name: 'x' })).statusCode).toBe(404);
    expect(await auditOf(member.id)).toEqual([]);
  });
});

describe('a centre manager', () => {
  let manager: Session;
  let managerId: string;
  beforeAll(async () => {
    const member = await createStaff(t.db, { role: 'centre_manager', centreIds: [centreA] });
    managerId = member.id;
    manager = await signIn(t, member.email);
  });

  it('manages agents and receptionists whose centres are all theirs', async () => {
    const agent = await createStaff(t.db, { role: 'counter_agent', centreIds: [centreA] });
    const theirs = await signIn(t, agent.email);
    const res = await patch(manager, agent.id, { role: 'receptionist', active: false });
    expect(res.json()).toMatchObject({ role: 'receptionist', active: false });
    expect((await whoAmI(theirs)).statusCode).toBe(401);
    expect((await auditOf(agent.id))[0]).toMatchObject({ actorId: managerId });
  });

  it('cannot see or touch staff of another centre, nor a member shared with one', async () => {
    for (const centreIds of [[centreB], [centreA, centreB]]) {
      const agent = await createStaff(t.db, { role: 'counter_agent', centreIds });
      const theirs = await signIn(t, agent.email);
      const res = await patch(manager, agent.id, { active: false });
      expect(res.statusCode).toBe(404);
      expect((await whoAmI(theirs)).statusCode).toBe(200);
    }
  });

  it('cannot move an agent to a centre not theirs, nor promote them, nor touch managers or administrators', async () => {
    const agent = await createStaff(t.db, { role: 'counter_agent', centreIds: [centreA] });
    expect((await patch(manager, agent.id, { centreIds: [centreA, centreB] })).statusCode).toBe(403);
    expect((await patch(manager, agent.id, { role: 'centre_manager' })).statusCode).toBe(403);
    const peer = await createStaff(t.db, { role: 'centre_manager', centreIds: [centreA] });
    expect((await patch(manager, peer.id, { active: false })).statusCode).toBe(404);
    expect((await patch(manager, adminId, { active: false })).statusCode).toBe(404);
    expect(await auditOf(agent.id)).toEqual([]);
  });

  it('cannot disable themselves', async () => {
    expect((await patch(manager, managerId, { active: false })).statusCode).toBe(404);
    expect((await whoAmI(manager)).statusCode).toBe(200);
  });
});

describe('administrators', () => {
  it('cannot disable or demote themselves, so the last active administrator always stays', async () => {
    // The only administrator is told why (the staff page shows this message).
    const alone = await patch(admin, adminId, { active: false });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().code).toBe('LAST_ADMINISTRATOR');
    expect((await patch(admin, adminId, { role: 'centre_manager', centreIds: [centreA] })).json().code).toBe(
      'LAST_ADMINISTRATOR',
    );
    // With another administrator present, still not themselves.
    const other = await createStaff(t.db, { role: 'administrator' });
    expect((await patch(admin, adminId, { active: false })).statusCode).toBe(403);
    expect((await patch(admin, adminId, { role: 'centre_manager', centreIds: [centreA] })).statusCode).toBe(
      403,
    );
    expect((await patch(admin, other.id, { active: false })).statusCode).toBe(200);
    expect((await whoAmI(admin)).json().staff).toMatchObject({ role: 'administrator', active: true });
  });

  it('may disable another administrator, whose sessions end', async () => {
    const other = await createStaff(t.db, { role: 'administrator' });
    const theirs = await signIn(t, other.email);
    expect((await patch(admin, other.id, { active: false })).statusCode).toBe(200);
    expect((await whoAmI(theirs)).statusCode).toBe(401);
    // The one they would have disabled next is out of their reach now.
    expect((await patch(theirs, adminId, { active: false })).statusCode).toBe(401);
  });
});
