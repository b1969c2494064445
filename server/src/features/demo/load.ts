import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';

/** Loads the demo seed into an empty database; returns what it loaded, or null if not empty. */
export async function loadDemoData(_deps: { db: Db; clock: Clock }): Promise<Record<string, number> | null> {
  return null;
}
