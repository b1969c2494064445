// `npm run test:chaos`: faults on real processes (server/src/**/*.chaos.test.ts). Each test starts
// its own servers (and its own PostgreSQL cluster with initdb/pg_ctl on a free port, never the
// machine's), drives booking load, injects faults, and checks the recorded history against the
// database. CHAOS_SECONDS (default 30) is the load per test, CHAOS_CLIENTS (default 6) the number
// of clients; histories, server logs and report.ndjson stay in CHAOS_DIR (default: a temp directory),
// and the servers' data directories too when a test failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = process.env.CHAOS_DIR ?? mkdtempSync(join(tmpdir(), 'mawaeed-chaos-'));
const seconds = process.env.CHAOS_SECONDS ?? '30';
console.log(`chaos: ${seconds} s of load per test; histories and logs in ${dir}`);
const started = Date.now();
const r = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--project', 'chaos', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, CHAOS_DIR: dir, CHAOS_SECONDS: seconds } },
);

const report = join(dir, 'report.ndjson');
if (existsSync(report)) {
  const rows = readFileSync(report, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  console.log('\nchaos figures (lost must be 0):');
  console.table(
    rows.map((r) => ({
      test: r.test,
      requests: r.requests,
      faults: r.faults,
      acknowledged: r.acknowledged,
      lost: r.lost,
      unanswered: r.unanswered,
      'answered 503': r.statuses?.['503'] ?? 0,
      messages: r.messages ?? '',
      duplicated: r.duplicated ?? '',
    })),
  );
}
// Data directories (a PGlite one is ~60 MB) are kept only when something failed, for a post-mortem.
if (r.status === 0) {
  for (const entry of readdirSync(dir)) {
    if (/^(data|pglite)-/.test(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}
console.log(`chaos: done in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(r.status ?? 1);
