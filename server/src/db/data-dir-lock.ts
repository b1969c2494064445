import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/** Another process has the embedded database open: opening it too would corrupt it. */
export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  constructor(
    readonly dir: string,
    readonly owner: number,
  ) {
    super(
      `The embedded database in ${dir} is in use by process ${owner} (another Mawaeed server or command). ` +
        'PGlite lets one process open it at a time: stop that process first, or set DATA_DIR to another directory. ' +
        `If no such process is running, delete ${lockFile(dir)}.`,
    );
  }
}

const lockFile = (dir: string) => `${dir}.pid`;

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims a PGlite data directory for this process with a pid file beside it (created exclusively,
 * so two servers starting at once cannot both win). A pid file whose process is gone (killed, or
 * the machine lost power) is stale and taken over. Returns the release, which close() calls.
 */
export function lockDataDir(dir: string): () => void {
  const file = lockFile(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = 0;
    try {
      owner = Number(readFileSync(file, 'utf8').trim());
    } catch {
      continue; // released between our two steps: try again
    }
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DataDirInUseError(dir, owner);
    try {
      unlinkSync(file);
    } catch {
      // another process took it over first; the next attempt finds out who
    }
  }
  throw new Error(`Could not claim ${file}: it keeps changing hands`);
}
