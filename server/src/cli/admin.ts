import { Password } from '@mawaeed/core/contracts/staff';
import { createAdministrator } from '../features/staff/accounts';
import { withDatabase } from './database';

/** A password from the terminal without echo, or the first line of stdin when it is piped. */
export function readHidden(prompt: string): Promise<string> {
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

/**
 * Creates an administrator; the password comes from the terminal (asked twice) or stdin. Exit
 * codes: 0 created, 1 the email is taken, 2 a bad password.
 */
export async function createFirstAdministrator(options: { email: string; name: string }): Promise<number> {
  const password = await readHidden('Password (12 characters or more): ');
  if (!Password.safeParse(password).success) {
    process.stderr.write('The password must be 12 to 256 characters.\n');
    return 2;
  }
  if (process.stdin.isTTY && (await readHidden('Again: ')) !== password) {
    process.stderr.write('The passwords differ.\n');
    return 2;
  }
  return withDatabase(async (database) => {
    if (!(await createAdministrator(database.db, { ...options, password }))) {
      process.stderr.write(`An account with the email ${options.email} already exists.\n`);
      return 1;
    }
    process.stderr.write(`Administrator ${options.email} created.\n`);
    return 0;
  });
}
