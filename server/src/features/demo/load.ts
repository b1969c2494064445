import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import bahrain from './bahrain.json' with { type: 'json' };
import { Seed } from './seed-format';
import { importSeed, type SeedCounts } from './service';

/** Loads the Bahrain demo seed into an empty database; returns what it loaded, or null if not empty. */
export async function loadDemoData(deps: { db: Db; clock: Clock }): Promise<SeedCounts | null> {
  return importSeed(deps, Seed.parse(bahrain));
}
