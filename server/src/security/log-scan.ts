import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a CPR or a Bahraini phone number looks like inside a log line. Tests log UUIDs, hashes,
 * durations and epoch times that are made of digits too; those are blanked first so that a run
 * of nine digits or a Bahraini number left over is personal data and nothing else.
 */
const DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]';
const NOT_DIGIT_BEFORE = `(?<!${DIGIT})`;
const NOT_DIGIT_AFTER = `(?!${DIGIT})`;
const FINDINGS: { kind: 'cpr' | 'phone'; pattern: RegExp }[] = [
  { kind: 'cpr', pattern: new RegExp(`${NOT_DIGIT_BEFORE}${DIGIT}{9}${NOT_DIGIT_AFTER}`, 'g') },
  {
    kind: 'phone',
    pattern: new RegExp(`(?:\\+|00)?973[\\s-]?${DIGIT}{4}[\\s-]?${DIGIT}{4}${NOT_DIGIT_AFTER}`, 'g'),
  },
  // A mobile (3…, 6…) or landline (1…) written without the country code.
  {
    kind: 'phone',
    pattern: new RegExp(`${NOT_DIGIT_BEFORE}[136]${DIGIT}{3}[\\s-]?${DIGIT}{4}${NOT_DIGIT_AFTER}`, 'g'),
  },
];
const NOISE = [
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, // ids
  /[0-9a-f]{16,}/gi, // hashes, signatures, tokens
  /\d+\.\d+/g, // durations and other decimals
  /"(?:time|pid|hostname|responseTime|reqId|elapsed|ms|bytes|contentLength)":\s*"?[^,"}]*"?/g,
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, // instants
];

export interface LogFinding {
  file: string;
  line: number;
  kind: 'cpr' | 'phone';
  /** The match with all but its last two digits hidden, so the report leaks nothing itself. */
  masked: string;
}

export function findPersonalData(text: string, file = '-'): LogFinding[] {
  const found: LogFinding[] = [];
  text.split('\n').forEach((raw, index) => {
    let line = raw;
    for (const noise of NOISE) line = line.replace(noise, ' ');
    for (const { kind, pattern } of FINDINGS) {
      line = line.replace(pattern, (value) => {
        found.push({ file, line: index + 1, kind, masked: value.replace(/.(?=.{2})/gu, '•') });
        return ' '; // found once, not again by a looser pattern
      });
    }
  });
  return found;
}

/** Scans every file in a directory of logs; `lines` says how much there was to look at. */
export async function scanLogDirectory(dir: string) {
  const findings: LogFinding[] = [];
  let lines = 0;
  for (const name of await readdir(dir)) {
    const text = await readFile(join(dir, name), 'utf8');
    lines += text.split('\n').filter(Boolean).length;
    findings.push(...findPersonalData(text, name));
  }
  return { lines, findings };
}
