// `npm run test:pg`: every server test again on PostgreSQL (each test file on its own database
// cloned from a migrated template), plus the concurrency tests that only PostgreSQL can prove.
// MAWAEED_TEST_PG_URL picks the server (default: the machine's, 127.0.0.1:5432, database test).
import { userInfo } from 'node:os';
import pg from 'pg';
import { runVitestWithLogScan } from './log-scan.mjs';

const url = process.env.MAWAEED_TEST_PG_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/test`;
const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  const { rows } = await client.query('SHOW server_version');
  console.log(`PostgreSQL ${rows[0].server_version} at ${new URL(url).host}`);
  await client.end();
} catch (err) {
  console.error(`Cannot reach PostgreSQL at ${url}: ${err.message}`);
  console.error('Start it, or set MAWAEED_TEST_PG_URL to a server the tests may create databases on.');
  process.exit(1);
}
// Every test app of the run logs at debug level; the run fails if any line holds a CPR or phone.
process.exit(
  runVitestWithLogScan(['--project', 'server', '--project', 'concurrency', ...process.argv.slice(2)], {
    MAWAEED_TEST_PG_URL: url,
    TZ: process.env.TZ ?? 'Asia/Tokyo',
  }),
);
