import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { ensureBuilt, startServer } from './harness';

/**
 * Builds once, then starts the server once on an empty DATA_DIR the way a newcomer's first
 * `npm start` does (migrations, demo data, 90 days of history) and keeps that directory: every
 * test file's server starts on a copy of it instead of seeding its own (~9 s a file saved).
 */
export default async function setup(project: TestProject) {
  ensureBuilt();
  const first = await startServer({}, { keepDataDir: true });
  await first.stop();
  project.provide('e2eTemplate', first.dataDir);
  return async () => {
    await rm(first.dataDir, { recursive: true, force: true });
  };
}
