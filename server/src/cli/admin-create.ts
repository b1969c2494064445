// `npm run admin:create -- --email someone@ministry.bh [--name "…"]`: the same as
// `npx mawaeed admin create`, kept for the README's first-start instructions and scripts.
import { Command } from 'commander';
import { createFirstAdministrator } from './admin';

const program = new Command()
  .name('admin:create')
  .description('Create a Mawaeed administrator (same as `npx mawaeed admin create`)')
  .requiredOption('--email <email>', 'the administrator’s email, used to sign in')
  .option('--name <name>', 'the name shown in the audit log', 'Administrator')
  .parse();

process.exitCode = await createFirstAdministrator(program.opts<{ email: string; name: string }>());
