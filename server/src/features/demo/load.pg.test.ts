import { count } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { centres } from '../../db/schema';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { loadDemoData } from './load';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ poolSize: 4 });
});
afterAll(() => t.close());

it('seeds once when several instances start together on one database', async () => {
  const results = await Promise.all(
    Array.from({ length: 4 }, () => loadDemoData({ db: t.db, clock: t.clock })),
  );
  expect(results.filter((r) => r !== null)).toHaveLength(1);
  const [row] = await t.db.select({ n: count() }).from(centres);
  expect(row?.n).toBe(5);
});
