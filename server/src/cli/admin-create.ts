// `npm run admin:create -- --email someone@ministry.bh [--name "…"]`: creates an administrator.
// The password is read from the terminal without echo, or from stdin when it is not a terminal
// (so a script can pipe it in). Uses the same settings as the server (DATABASE_URL, DATA_DIR).
import { resolve } from 'node:path';
import { Password } from '@mawaeed/core/contracts/staff';
import { Command } from 'commander';
import { readConfig } from '../config';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { createAdministrator } from '../features/staff/accounts';

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return new Promise((done, fail) => {
      let text = '';
      stdin.setEncoding('utf8');
      stdin.on('data', (chunk) => {
        text += chunk;
      });
      stdin.on('end', () => done(text.split(/\r?\n/)[0] ?? ''));
      stdin.on('error', fail);
    });
  }
  process.stderr.write(prompt);
  return new Promise((done) => {
    let text = '';
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          done(text);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

const program = new Command()
  .name('admin:create')
  .description('Create a Mawaeed administrator')
  .requiredOption('--email <email>', 'the administrator’s email, used to sign in')
  .option('--name <name>', 'the name shown in the audit log', 'Administrator')
  .parse();

const { email, name } = program.opts<{ email: string; name: string }>();
const password = await readHidden('Password (12 characters or more): ');
if (!Password.safeParse(password).success) {
  console.error('The password must be 12 to 256 characters.');
  process.exit(2);
}
if (process.stdin.isTTY && (await readHidden('Again: ')) !== password) {
  console.error('The passwords differ.');
  process.exit(2);
}
const config = readConfig();
const database = await openDatabase(
  config.databaseUrl
    ? { engine: 'postgres', url: config.databaseUrl, poolSize: 1 }
    : { engine: 'pglite', dataDir: resolve(config.dataDir, 'pglite') },
);
try {
  await migrate(database);
  if (!(await createAdministrator(database.db, { email, name, password }))) {
    console.error(`An account with the email ${email} already exists.`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`Administrator ${email} created.\n`);
  }
} finally {
  await database.close();
}
