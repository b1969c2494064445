// Two administrators disabling each other at the same moment, on PostgreSQL: one wins, the other
// is refused, and an active administrator always remains.
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { staff } from '../../db/schema-staff';
import { createStaff, signIn } from '../../test/staff';
import { buildTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await buildTestApp({ poolSize: 10 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

describe('the last active administrator', () => {
  it('survives two administrators disabling each other at once, round after round', async () => {
    for (let round = 0; round < 8; round++) {
      await t.db.delete(staff);
      const a = await createStaff(t.db, { role: 'administrator' });
      const b = await createStaff(t.db, { role: 'administrator' });
      const [sa, sb] = [await signIn(t, a.email), await signIn(t, b.email)];
      const disable = (headers: Record<string, string>, id: string) =>
        fetch(`${base}/api/v1/admin/staff/${id}`, {
          method: 'PATCH',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ active: false }),
        }).then(async (r) => ({ status: r.status, code: ((await r.json()) as { code?: string }).code }));
      const answers = await Promise.all([disable(sa.headers, b.id), disable(sb.headers, a.id)]);
      expect(answers.filter((x) => x.status === 200)).toHaveLength(1);
      const refused = answers.find((x) => x.status !== 200);
      // Refused as the last administrator, or because the loser's session ended first.
      expect(['LAST_ADMINISTRATOR', 'UNAUTHENTICATED']).toContain(refused?.code);
      const [row] = await queryRows<{ n: number }>(
        t.db,
        sql`SELECT count(*)::int AS n FROM staff WHERE role = 'administrator' AND active`,
      );
      expect(row?.n).toBe(1);
    }
  });
});
