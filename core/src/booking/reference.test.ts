import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatReference, makeReference, parseReference, REFERENCE_ALPHABET } from './reference';

describe('booking references', () => {
  it('never uses symbols that are confused when read aloud', () => {
    for (const ch of '01OIL') expect(REFERENCE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 200; i++)
      expect(makeReference((n) => randomBytes(n))).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  });

  it('rarely repeats', () => {
    const seen = new Set(Array.from({ length: 20_000 }, () => makeReference((n) => randomBytes(n))));
    expect(seen.size).toBe(20_000);
  });

  it('is written in two groups of four and read back however it is typed', () => {
    expect(formatReference('ABCD2345')).toBe('ABCD-2345');
    expect(parseReference('abcd-2345')).toBe('ABCD2345');
    expect(parseReference(' ABCD 2345 ')).toBe('ABCD2345');
  });

  it('refuses what cannot be a reference', () => {
    expect(parseReference('ABCD-234')).toBeNull();
    expect(parseReference('ABCD-23456')).toBeNull();
    expect(parseReference('ABCD-2O45')).toBeNull(); // O reads as 0, which is not used
    expect(parseReference("' OR 1=1")).toBeNull();
  });
});
