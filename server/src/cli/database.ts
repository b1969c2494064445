import { resolve } from 'node:path';
import { readConfig } from '../config';
import { type Database, openDatabase } from '../db/client';
import { migrate } from '../db/migrate';

/** The database the server would use (DATABASE_URL, else PGlite under DATA_DIR), migrated. */
export async function openConfiguredDatabase(): Promise<Database> {
  const config = readConfig();
  const database = await openDatabase(
    config.databaseUrl
      ? { engine: 'postgres', url: config.databaseUrl, poolSize: 1, applicationName: 'mawaeed-cli' }
      : { engine: 'pglite', dataDir: resolve(config.dataDir, 'pglite') },
  );
  await migrate(database);
  return database;
}

/** Runs `work` on the configured database and closes it whatever happens. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
