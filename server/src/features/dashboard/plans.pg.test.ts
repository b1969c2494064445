import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { type BulkHistory, generateBulkHistory } from '../../test/bulk-history';
import { createTestDatabase } from '../../test/database';
import { findBookingByReference } from '../bookings/repository';
import { loadTakenSeats } from '../catalogue/repository';
import { lockNextTicket } from '../hall/repository';
import { countBookings } from '../kpis/repository';
import * as dashboard from './repository';

/**
 * The hot queries use their index on a history of over 100,000 tickets (issue 10.4): the plan
 * PostgreSQL picks on its own statistics (ANALYZE after the load), never with scans switched off.
 * Each repository function runs for real; a spy on the pool asks PostgreSQL for the plan of every
 * statement it sends (EXPLAIN (FORMAT JSON), same text and parameters).
 */
type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };

let database: Database;
let data: BulkHistory;
const plans: { text: string; plan: PlanNode }[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 2 });
  data = await generateBulkHistory(database.db, {
    tickets: 110_000,
    days: 120,
    centres: 10,
    today: '2026-11-29',
  });
  const pool = database.pool;
  if (!pool) throw new Error('the plans are PostgreSQL’s');
  const query = pool.query.bind(pool) as (config: unknown, values?: unknown) => Promise<unknown>;
  (pool as unknown as { query: typeof query }).query = async (config: unknown, values?: unknown) => {
    const c = (typeof config === 'string' ? { text: config, values } : config) as {
      text: string;
      values?: unknown[];
    };
    const explained = (await query({
      text: `EXPLAIN (FORMAT JSON) ${c.text}`,
      values: c.values ?? values,
    })) as {
      rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[];
    };
    const plan = explained.rows[0]?.['QUERY PLAN'][0]?.Plan;
    if (plan) plans.push({ text: c.text, plan });
    return query(config, values);
  };
}, 60_000);
afterAll(() => database?.close());

/** The plan of the only statement `run` sends. */
async function planOf(run: () => Promise<unknown>) {
  plans.length = 0;
  await run();
  expect(plans).toHaveLength(1);
  return plans[0]?.plan as PlanNode;
}

function indexScans(node: PlanNode): string[] {
  const own =
    node['Index Name'] && /^(Index Scan|Index Only Scan|Bitmap Index Scan)$/.test(node['Node Type'])
      ? [node['Index Name']]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(indexScans)];
}

const week = () => ({ from: '2026-11-22', to: data.to });
const oneCentreMonth = () => ({ from: '2026-10-28', to: data.to, centreIds: [data.centreIds[0] ?? ''] });

describe('the hot queries on over 100,000 tickets use their index (PostgreSQL)', () => {
  it('holds over 100,000 tickets', () => {
    expect(data.tickets).toBeGreaterThan(100_000);
  });

  it('dashboard: a week of visits of every centre reads tickets_day', async () => {
    const plan = await planOf(() => dashboard.listVisits(database.db, { ...week(), centreIds: null }));
    expect(indexScans(plan)).toContain('tickets_day');
  });

  it('dashboard: a month of visits of one centre reads tickets by centre and day', async () => {
    const plan = await planOf(() => dashboard.listVisits(database.db, oneCentreMonth()));
    expect(indexScans(plan)).toContain('tickets_centre_id_day_index');
  });

  it('dashboard: a week of bookings of every centre reads bookings_starts_at', async () => {
    const plan = await planOf(() =>
      dashboard.listBookings(database.db, { ...week(), centreIds: null }, new Date('2026-11-29T06:00:00Z')),
    );
    expect(indexScans(plan)).toContain('bookings_starts_at');
  });

  it('dashboard: a month of bookings of one centre reads bookings by centre and start', async () => {
    const plan = await planOf(() =>
      dashboard.listBookings(database.db, oneCentreMonth(), new Date('2026-11-29T06:00:00Z')),
    );
    expect(indexScans(plan)).toContain('bookings_centre_id_starts_at_index');
  });

  it('dashboard: a week of ratings of every centre reads feedback_visited_at', async () => {
    const plan = await planOf(() => dashboard.listRatings(database.db, { ...week(), centreIds: null }));
    expect(indexScans(plan)).toContain('feedback_visited_at');
  });

  it('dashboard: a month of ratings of one centre reads feedback by centre and visit', async () => {
    const plan = await planOf(() =>
      dashboard.listRatings(database.db, {
        from: '2026-10-28',
        to: data.to,
        centreIds: [data.centreIds[0] ?? ''],
      }),
    );
    expect(indexScans(plan)).toContain('feedback_centre_id_visited_at_index');
  });

  it("integrations: a week's booking KPIs per centre read bookings by start", async () => {
    const plan = await planOf(() =>
      countBookings(database.db, { ...week(), now: new Date('2026-11-29T06:00:00Z') }),
    );
    expect(indexScans(plan).some((name) => name.startsWith('bookings_') && name.includes('starts_at'))).toBe(
      true,
    );
  });

  it("availability: 31 days of one offering's slot loads read the slot_loads key", async () => {
    const [offering] =
      (await database.pool
        ?.query<{ offering_id: string }>('SELECT offering_id FROM slot_loads LIMIT 1')
        .then((r) => r.rows)) ?? [];
    const plan = await planOf(() =>
      loadTakenSeats(
        database.db,
        offering?.offering_id ?? '',
        new Date('2026-10-01T00:00:00Z'),
        new Date('2026-11-01T00:00:00Z'),
      ),
    );
    expect(indexScans(plan)).toContain('slot_loads_offering_id_starts_at_pk');
  });

  it('bookings: a booking by reference reads bookings_reference_unique', async () => {
    const plan = await planOf(() => findBookingByReference(database.db, 'BK10C1S1N1'));
    expect(indexScans(plan)).toContain('bookings_reference_unique');
  });

  it("hall: call next reads a centre's waiting tickets through tickets_queue", async () => {
    const plan = await planOf(() =>
      lockNextTicket(database.db, {
        centreId: data.centreIds[0] ?? '',
        serviceIds: data.serviceIds.slice(0, 2),
        now: new Date('2026-11-29T06:00:00Z'),
      }),
    );
    expect(indexScans(plan)).toContain('tickets_queue');
  });
});
