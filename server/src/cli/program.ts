// The commands of `npx mawaeed` (main.ts runs them). Every command uses the server's settings
// (DATABASE_URL, else the embedded database under DATA_DIR; server/src/config.ts).
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { csvColumns, IMPORT_KINDS } from '../features/catalogue-import/rows';
import { createFirstAdministrator } from './admin';
import { buildDashboardRollup } from './dashboard';
import { checkPeriod, exportBookings, exportKpis, type Period } from './export';
import { checkHealth } from './health';
import { importFile } from './import';
import { runRetention } from './retention';

const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);

export const program = new Command()
  .name('mawaeed')
  .description(
    'Operate a Mawaeed installation: administrators, catalogue import, exports, retention, dashboard rollup, health',
  )
  .showHelpAfterError();

const admin = program.command('admin').description('Staff accounts');
admin
  .command('create')
  .description('Create an administrator; the password is asked for (or read from stdin when piped)')
  .requiredOption('--email <email>', 'the administrator’s email, used to sign in')
  .option('--name <name>', 'the name shown in the audit log', 'Administrator')
  .action(async (options: { email: string; name: string }) => {
    process.exitCode = await createFirstAdministrator(options);
  });

program
  .command('import')
  .description(
    'Add centres, services, offerings or opening hours from a CSV file, or all of them from a JSON file in the demo seed’s format. Every row is checked first; then all is written in one transaction, or nothing and each bad row is listed.',
  )
  .argument('<file>', 'a .csv file (with --kind) or a .json seed file')
  .addOption(new Option('--kind <kind>', 'what a CSV file holds').choices(IMPORT_KINDS))
  .addHelpText(
    'after',
    `\nCSV columns (first line):\n${IMPORT_KINDS.map((k) => `  ${k.padEnd(10)} ${csvColumns(k).join(',')}`).join('\n')}\n\nhours: one row per opening interval (day: sun…sat); the listed days replace the centre's week, other days are closed.`,
  )
  .action(async (file: string, options: { kind?: (typeof IMPORT_KINDS)[number] }) => {
    process.exitCode = await importFile(file, options, say);
  });

const date = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('Expected YYYY-MM-DD.');
  return value;
};
const exporter = program.command('export').description('Export to CSV (stdout, or --out)');
for (const [what, run, description] of [
  [
    'bookings',
    exportBookings,
    'Bookings whose appointment falls in the period: reference, status, centre, service, times, channel (no personal data)',
  ],
  [
    'kpis',
    exportKpis,
    'Booking KPIs per centre for the period: booked, cancelled, due, checked in, no-shows, no-show rate',
  ],
] as const) {
  exporter
    .command(what)
    .description(description)
    .requiredOption('--from <date>', 'first local date, YYYY-MM-DD', date)
    .requiredOption('--to <date>', 'last local date, YYYY-MM-DD (inclusive)', date)
    .option('--centre <code>', 'one centre only')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (options: Period & { out?: string }) => {
      const problem = checkPeriod(options);
      if (problem) {
        warn(problem);
        process.exitCode = 2;
        return;
      }
      const text = await run(options);
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text);
    });
}

program
  .command('retention')
  .description('Data retention')
  .command('run')
  .description(
    'Run the daily retention purge now (the steps the server runs each night: done jobs, sent messages, expired sessions, codes, keys…); prints rows removed per step',
  )
  .action(async () => {
    process.exitCode = await runRetention(say, warn);
  });

program
  .command('dashboard')
  .description('The manager’s dashboard')
  .command('rollup')
  .description(
    'Build the dashboard’s rollup now (the server does it each night): every day over without one, and every day changed since; for data loaded around the app',
  )
  .action(async () => {
    process.exitCode = await buildDashboardRollup(say);
  });

program
  .command('health')
  .description('Check /healthz and /readyz of a running instance; exit 1 unless both answer 200')
  .requiredOption('--url <url>', 'the instance, e.g. http://localhost:3000')
  .option('--timeout <ms>', 'how long to wait for each answer', (v) => Number(v), 5000)
  .action(async (options: { url: string; timeout: number }) => {
    process.exitCode = (await checkHealth(options.url, options.timeout, say)) ? 0 : 1;
  });
