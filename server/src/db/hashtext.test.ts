import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database';
import { type Database, queryRows } from './client';
import { hashtext } from './hashtext';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 2 });
});
afterAll(() => database?.close());

describe('hashtext computed in JavaScript', () => {
  it('equals the database’s hashtext, so both name the same advisory lock', async () => {
    const texts = [
      '',
      'a',
      'abcd',
      'eleven char',
      'twelve chars',
      'thirteen chars',
      'مركز المحرق ✓ émoji 🙂',
      ...Array.from({ length: 200 }, () => randomUUID()),
      ...Array.from({ length: 40 }, (_, n) => 'x'.repeat(n)),
    ];
    const rows = await queryRows<{ h: number }>(
      database.db,
      sql`SELECT hashtext(t) AS h FROM jsonb_array_elements_text(${JSON.stringify(texts)}::jsonb) WITH ORDINALITY AS u(t, n) ORDER BY n`,
    );
    expect(rows.map((r) => r.h)).toEqual(texts.map(hashtext));
  });
});
