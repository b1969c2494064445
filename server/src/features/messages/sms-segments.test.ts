import { describe, expect, it } from 'vitest';
import { fitSms, measureSms } from './sms-segments';

describe('SMS segments', () => {
  it('count GSM-7 texts as 160 single, 153 per part', () => {
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(measureSms('a'.repeat(161)).segments).toBe(2);
    expect(measureSms('a'.repeat(306)).segments).toBe(2);
    expect(measureSms('a'.repeat(307)).segments).toBe(3);
  });

  it('count extension characters twice', () => {
    expect(measureSms('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(measureSms(`${'€'.repeat(80)}a`).segments).toBe(2);
  });

  it('count Arabic as UCS-2: 70 single, 67 per part', () => {
    expect(measureSms('م'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(measureSms('م'.repeat(71)).segments).toBe(2);
    expect(measureSms('م'.repeat(134)).segments).toBe(2);
    expect(measureSms('م'.repeat(135)).segments).toBe(3);
    // One character outside GSM-7 turns the whole text to UCS-2.
    expect(measureSms(`${'a'.repeat(70)}’`)).toMatchObject({ encoding: 'ucs2', segments: 2 });
  });

  it('pick the first variant that fits', () => {
    expect(fitSms(['م'.repeat(200), 'م'.repeat(100), 'short'])).toBe('م'.repeat(100));
    expect(fitSms(['م'.repeat(300), 'م'.repeat(200)])).toBe('م'.repeat(200));
  });
});
