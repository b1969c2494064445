// `node --import tsx server/src/security/scan-logs.ts DIR`: fails when any log line written
// during a test run holds something shaped like a CPR or a Bahraini phone number, or when
// there were no log lines at all (a scan of nothing proves nothing).
import { scanLogDirectory } from './log-scan';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: scan-logs DIR');
  process.exit(2);
}
const { lines, findings } = await scanLogDirectory(dir);
if (lines === 0) {
  console.error(`log scan: no log lines in ${dir}; the run did not log, so the scan proves nothing`);
  process.exit(1);
}
if (findings.length > 0) {
  console.error(`log scan: ${findings.length} line(s) look like personal data:`);
  for (const f of findings.slice(0, 50)) console.error(`  ${f.file}:${f.line} ${f.kind} ${f.masked}`);
  process.exit(1);
}
process.stdout.write(`log scan: ${lines} log lines, no CPR or phone number in any of them\n`);
