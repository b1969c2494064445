import { describe, expect, it } from 'vitest';
import { findPersonalData } from './log-scan';

describe('log scan for personal data', () => {
  it('finds a CPR and phone numbers written in any of the usual ways, masking them in the report', () => {
    const log = [
      '{"level":30,"msg":"booked","cpr":"880412345"}',
      '{"level":30,"msg":"sms to +973 3655 9081"}',
      '{"level":30,"msg":"sms to 97336559081"}',
      '{"level":30,"msg":"call 17001234 please"}',
      '{"level":30,"msg":"هوية ٨٨٠٤١٢٣٤٥"}',
    ].join('\n');
    const found = findPersonalData(log, 'run.ndjson');
    expect(found.map((f) => [f.line, f.kind])).toEqual([
      [1, 'cpr'],
      [2, 'phone'],
      [3, 'phone'],
      [4, 'phone'],
      [5, 'cpr'],
    ]);
    expect(found[0]?.masked).toBe('•••••••45');
    expect(JSON.stringify(found)).not.toContain('880412345');
  });

  it('leaves ids, hashes, instants, durations and counts alone', () => {
    const log = [
      '{"level":30,"time":1764312345678,"pid":123456789,"reqId":"req-1f","msg":"request completed"}',
      '{"url":"/api/v1/centres/12345678-1234-4234-8234-123456789012/availability","responseTime":12.123456789}',
      '{"msg":"signature","sig":"a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4"}',
      '{"msg":"slot","start":"2026-12-01T09:00:00+03:00","bookings":3,"reference":"MW-7K4Q-2P9X"}',
      '{"msg":"claimed","jobs":12,"port":54321}',
    ].join('\n');
    expect(findPersonalData(log)).toEqual([]);
  });
});
