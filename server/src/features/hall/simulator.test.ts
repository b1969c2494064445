import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateHall } from '../../../../bench/src/lib/hall-simulator';
import { seededRandom } from '../../../../bench/src/lib/random';
import { queryRows } from '../../db/client';
import { createHall, type HallSetup } from '../../test/hall';
import { assertInvariants } from '../../test/invariants';
import { createStaff, TEST_PASSWORD } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let hall: HallSetup;
let base: string;
beforeAll(async () => {
  t = await buildTestApp();
  hall = await createHall(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

describe('the hall simulator (npm run simulate)', () => {
  it('plays arrivals and counters through the API, and leaves the hall consistent', async () => {
    const admin = await createStaff(t.db, { role: 'administrator' });
    const stats = await simulateHall({
      baseUrl: base,
      centre: hall.centreId,
      email: admin.email,
      password: TEST_PASSWORD,
      minutes: 40,
      speed: 6000, // 40 simulated minutes in under a second of waiting
      walkInsPerMinute: 0.5,
      medianServiceMinutes: 3,
      noShowRate: 0.1,
      random: seededRandom(7),
      log: () => {},
    });
    expect(stats.walkIns).toBeGreaterThan(5);
    expect(stats.called).toBeGreaterThan(3);
    expect(stats.served + stats.noShows).toBeGreaterThan(2);
    const tickets = await queryRows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM tickets WHERE centre_id = ${hall.centreId}`,
    );
    expect(tickets[0]?.n).toBe(stats.walkIns);
    const open = await queryRows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM counter_sessions WHERE centre_id = ${hall.centreId} AND closed_at IS NULL`,
    );
    expect(open).toEqual([{ n: 0 }]);
    await assertInvariants(t.db);
  });
});
