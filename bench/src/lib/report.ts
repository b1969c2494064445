import type { Summary } from './stats';

/** One machine-readable line per figure: `{"bench":…,"engine":…,"mode":…,"median_ms":…,…}`. */
export function printJson(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line));
}

/** A progress note for whoever watches the run, on stderr so stdout stays JSON lines and table. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

export type Figure = { bench: string; engine: string; mode: string } & Summary;

/** A plain text table, numbers right-aligned, for people reading the run. */
export function printTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): void {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[], numeric: boolean) =>
    row
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        return numeric && i > 0 && /^[\d.]+$/.test(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const [head, ...body] = cells;
  console.log(line(head ?? [], false));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row, true));
}
