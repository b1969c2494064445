import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { SingleBar } from 'cli-progress';
import { type ImportKind, type Parsed, parseCsv, parseSeedJson } from '../features/catalogue-import/rows';
import { createCatalogueImport } from '../features/catalogue-import/service';
import { systemClock } from '../lib/clock';
import { withDatabase } from './database';

/** Files with at least this many rows show a progress bar (on a terminal). */
const BAR_FROM_ROWS = 500;

function bar(label: string, total: number) {
  if (total < BAR_FROM_ROWS || !process.stderr.isTTY) return null;
  const progress = new SingleBar({ format: `${label} [{bar}] {value}/{total} rows`, stream: process.stderr });
  progress.start(total, 0);
  return progress;
}

/**
 * Imports a file: every row validated, then everything written in one transaction, or nothing
 * and a report of each bad row. Returns the exit code (0 written, 1 bad rows).
 */
export async function importFile(
  file: string,
  options: { kind?: ImportKind | undefined },
  out: (line: string) => void,
): Promise<number> {
  const text = readFileSync(file, 'utf8');
  const isJson = extname(file).toLowerCase() === '.json';
  if (!isJson && !options.kind) {
    out('A CSV file needs --kind services|centres|offerings|hours.');
    return 2;
  }
  let parsed: Parsed;
  if (isJson) parsed = parseSeedJson(text);
  else {
    const lines = text.split('\n').length - 1;
    const progress = bar('Checking', lines);
    parsed = parseCsv(options.kind as ImportKind, text, () => progress?.increment());
    progress?.stop();
  }
  const result = await withDatabase(async (database) => {
    const importer = createCatalogueImport({ db: database.db, clock: systemClock });
    if (parsed.errors.length) {
      // The valid rows are still checked against the file and the database, so one run reports every bad row.
      const errors = [...parsed.errors, ...(await importer.check(parsed.plan))];
      return { ok: false as const, errors: errors.sort((a, b) => lineOf(a.where) - lineOf(b.where)) };
    }
    const total = Object.values(parsed.plan).reduce((n, rows) => n + rows.length, 0);
    const progress = bar('Writing', total);
    const outcome = await importer.importPlan(parsed.plan, (done) => progress?.update(done));
    progress?.stop();
    return outcome;
  });
  if (!result.ok) {
    out(`Nothing was imported: ${result.errors.length} bad row(s) in ${file}`);
    for (const e of result.errors) out(`  ${e.where}: ${e.message}`);
    return 1;
  }
  const w = result.written;
  out(
    `Imported ${w.services} services, ${w.centres} centres, ${w.offerings} offerings, ${w.hours} opening-hour rows.`,
  );
  return 0;
}

function lineOf(where: string): number {
  const match = /^line (\d+)/.exec(where);
  return match ? Number(match[1]) : 0;
}
