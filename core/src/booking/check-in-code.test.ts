import { describe, expect, it } from 'vitest';
import { readCheckInCode, readScannedReference } from './check-in-code';

describe('reading a check-in code', () => {
  it('takes nine digits as a CPR, Arabic-Indic digits included', () => {
    expect(readCheckInCode(' 900000017 ')).toEqual({ cpr: '900000017' });
    expect(readCheckInCode('٩٠٠٠٠٠٠١٧')).toEqual({ cpr: '900000017' });
  });

  it('takes a reference however it was typed or scanned', () => {
    expect(readCheckInCode('abcd-2345')).toEqual({ reference: 'ABCD2345' });
    expect(readCheckInCode('ABCD2345\n')).toEqual({ reference: 'ABCD2345' });
  });

  it('sends anything else as typed, for the server to answer that it knows no such booking', () => {
    expect(readCheckInCode('abc')).toEqual({ reference: 'ABC' });
    expect(readCheckInCode('12345678')).toEqual({ reference: '12345678' });
  });

  it('has nothing to send for an empty field', () => {
    expect(readCheckInCode('')).toBeNull();
    expect(readCheckInCode('   ')).toBeNull();
  });
});

describe('reading a QR code seen by the camera', () => {
  it("takes a booking's QR code: its content is the reference", () => {
    expect(readScannedReference('ABCD2345')).toBe('ABCD2345');
    expect(readScannedReference(' abcd-2345\r\n')).toBe('ABCD2345');
  });

  it("passes over other codes: a ticket's live page, a CPR, any text", () => {
    expect(readScannedReference('https://mawaeed.example/ticket/0123456789abcdef0123')).toBeNull();
    expect(readScannedReference('900000017')).toBeNull();
    expect(readScannedReference('hello')).toBeNull();
    expect(readScannedReference('')).toBeNull();
  });
});
