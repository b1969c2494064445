import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { DataDirInUseError } from './data-dir-lock';

const root = mkdtempSync(join(tmpdir(), 'mawaeed-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the embedded database is opened by one process at a time', () => {
  it('refuses a second opening with a message naming the owner, and opens again once the first is closed', async () => {
    const dir = join(root, 'one');
    const first = await openDatabase({ engine: 'pglite', dataDir: dir });
    const second = openDatabase({ engine: 'pglite', dataDir: dir });
    await expect(second).rejects.toThrow(DataDirInUseError);
    await expect(second).rejects.toThrow(`in use by process ${process.pid}`);
    await first.close();
    expect(existsSync(`${dir}.pid`)).toBe(false);
    const again = await openDatabase({ engine: 'pglite', dataDir: dir });
    await again.close();
  });

  it('takes over the pid file of a process that is gone (killed, or the power failed)', async () => {
    const dir = join(root, 'stale');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(`${dir}.pid`, `${gone.stdout}\n`);
    const database = await openDatabase({ engine: 'pglite', dataDir: dir });
    expect(readFileSync(`${dir}.pid`, 'utf8').trim()).toBe(String(process.pid));
    await database.close();
  });
});
