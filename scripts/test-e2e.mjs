// `npm run test:e2e`: builds what `npm start` serves, then runs the Chromium journeys against
// real server processes whose logs are scanned for personal data afterwards.
import { spawnSync } from 'node:child_process';
import { runVitestWithLogScan } from './log-scan.mjs';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
process.exit(runVitestWithLogScan(['--project', 'e2e', ...process.argv.slice(2)]));
