import { describe, expect, it } from 'vitest';
import { BAHRAIN, normaliseDigits } from './profile';

describe('Bahrain CPR', () => {
  it('takes exactly nine digits, in any digit set, keeping leading zeros', () => {
    expect(BAHRAIN.parseNationalId('870512345')).toBe('870512345');
    expect(BAHRAIN.parseNationalId('٨٧٠٥١٢٣٤٥')).toBe('870512345');
    expect(BAHRAIN.parseNationalId('۰۱۲۳۴۵۶۷۸')).toBe('012345678');
    expect(BAHRAIN.parseNationalId('8705 1234 5')).toBe('870512345');
  });

  it('refuses eight or ten digits and letters', () => {
    expect(BAHRAIN.parseNationalId('87051234')).toBeNull();
    expect(BAHRAIN.parseNationalId('8705123456')).toBeNull();
    expect(BAHRAIN.parseNationalId('87051234X')).toBeNull();
    expect(BAHRAIN.parseNationalId('')).toBeNull();
  });

  it('masks all but the last four digits', () => {
    expect(BAHRAIN.maskNationalId('870512345')).toBe('•••••2345');
  });
});

describe('Bahrain mobiles', () => {
  it.each(['36001234', '+973 3600 1234', '0097336001234', '973-3600-1234', '٣٦٠٠١٢٣٤'])(
    'reads %s',
    (input) => {
      expect(BAHRAIN.parseMobile(input)).toBe('+97336001234');
    },
  );

  it('accepts numbers starting 6', () => {
    expect(BAHRAIN.parseMobile('66301234')).toBe('+97366301234');
  });

  it.each([
    ['a landline', '17001234'],
    ['a short number', '999'],
    ['seven digits', '3600123'],
    ['another country', '+966 55 123 4567'],
    ['letters', '3600abcd'],
  ])('refuses %s', (_name, input) => {
    expect(BAHRAIN.parseMobile(input)).toBeNull();
  });

  it('masks and formats for people', () => {
    expect(BAHRAIN.maskMobile('+97336001234')).toBe('+973 •••• ••34');
    expect(BAHRAIN.formatMobile('+97336001234')).toBe('+973 3600 1234');
  });

  it('normalises only digits', () => {
    expect(normaliseDigits('A١٢b')).toBe('A12b');
  });
});
