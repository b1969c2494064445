// Runs a Vitest command with MAWAEED_TEST_LOG_DIR set, so every server the tests start writes
// its log there, then fails the run if any log line holds something shaped like a CPR or a
// phone number (issue 9: no personal data in any log line of a full test run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function runVitestWithLogScan(args, env = {}) {
  const logDir = mkdtempSync(join(tmpdir(), 'mawaeed-test-logs-'));
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env, MAWAEED_TEST_LOG_DIR: logDir },
  });
  const scan = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/security/scan-logs.ts', logDir], {
    stdio: 'inherit',
  });
  rmSync(logDir, { recursive: true, force: true });
  return run.status !== 0 ? (run.status ?? 1) : (scan.status ?? 1);
}
