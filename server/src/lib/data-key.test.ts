import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config';
import { resolveDataKey } from './data-key';
import { createPersonalData } from './personal-data';

const dir = mkdtempSync(join(tmpdir(), 'mawaeed-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the data key', () => {
  it('is required when demo mode is off', () => {
    expect(() => resolveDataKey(readConfig({ DATA_DIR: dir }))).toThrow(/MAWAEED_DATA_KEY is required/);
  });

  it('is made once in demo mode and kept in DATA_DIR', () => {
    const first = resolveDataKey(readConfig({ DATA_DIR: dir, MAWAEED_DEMO: 'on' }));
    const second = resolveDataKey(readConfig({ DATA_DIR: dir, MAWAEED_DEMO: 'on' }));
    expect(first.equals(second)).toBe(true);
    expect(readFileSync(join(dir, 'data-key'), 'utf8').trim()).toBe(first.toString('hex'));
  });

  it('takes MAWAEED_DATA_KEY as hex and refuses a short one', () => {
    const hex = 'ab'.repeat(32);
    expect(resolveDataKey(readConfig({ MAWAEED_DATA_KEY: hex })).toString('hex')).toBe(hex);
    expect(() =>
      resolveDataKey(readConfig({ MAWAEED_DATA_KEY: 'c2hvcnQga2V5IHNob3J0IGtleSBzaG9ydCBrZXk=' })),
    ).toThrow();
  });
});

describe('sealing personal data', () => {
  const sealed = createPersonalData(Buffer.alloc(32, 7));

  it('finds the same CPR by the same hash, and another key gives another hash', () => {
    expect(sealed.lookupHash('870512345')).toBe(sealed.lookupHash('870512345'));
    expect(sealed.lookupHash('870512345')).not.toBe(sealed.lookupHash('870512346'));
    expect(createPersonalData(Buffer.alloc(32, 8)).lookupHash('870512345')).not.toBe(
      sealed.lookupHash('870512345'),
    );
  });

  it('encrypts with a fresh nonce each time and reads back, refusing tampering', () => {
    const a = sealed.encrypt('870512345');
    expect(a).not.toBe(sealed.encrypt('870512345'));
    expect(a).not.toContain('870512345');
    expect(sealed.decrypt(a)).toBe('870512345');
    // One bit of the ciphertext flipped (the old test swapped a character for one that could be
    // the same, so it failed one run in 64).
    const raw = Buffer.from(a.slice(3), 'base64url');
    raw[14] = (raw[14] as number) ^ 1;
    expect(() => sealed.decrypt(`v1.${raw.toString('base64url')}`)).toThrow();
  });
});
