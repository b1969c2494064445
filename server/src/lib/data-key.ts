import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import { parseDataKey } from './personal-data';

/**
 * The key that seals CPRs. Production passes MAWAEED_DATA_KEY; demo mode makes one on first
 * start and keeps it in DATA_DIR, so a newcomer's data stays readable across restarts.
 */
export function resolveDataKey(config: Config): Buffer {
  if (config.dataKey) return parseDataKey(config.dataKey);
  if (!config.demo) {
    throw new Error(
      'MAWAEED_DATA_KEY is required when MAWAEED_DEMO is off (64 hex characters: openssl rand -hex 32)',
    );
  }
  const file = join(config.dataDir, 'data-key');
  if (existsSync(file)) return parseDataKey(readFileSync(file, 'utf8'));
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  return key;
}
