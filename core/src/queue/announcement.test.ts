import { describe, expect, it } from 'vitest';
import { announcementClips, callClips } from './announcement';

describe('the spoken call', () => {
  it('says "P-017 → counter 4" in Arabic', () => {
    expect(callClips({ number: 'P-017', counter: 4 }, 'ar')).toEqual([
      'ar/ticket',
      'ar/letter-P',
      'ar/n17',
      'ar/counter',
      'ar/n4',
    ]);
  });

  it('says "P-017 → counter 4" in English', () => {
    expect(callClips({ number: 'P-017', counter: 4 }, 'en')).toEqual([
      'en/ticket',
      'en/letter-P',
      'en/n17',
      'en/counter',
      'en/n4',
    ]);
  });

  it('rings the chime, then speaks Arabic, then English', () => {
    const clips = announcementClips({ number: 'P-017', counter: 4 });
    expect(clips[0]).toBe('chime');
    expect(clips.slice(1, 6).every((c) => c.startsWith('ar/'))).toBe(true);
    expect(clips.slice(6).every((c) => c.startsWith('en/'))).toBe(true);
    expect(clips).toHaveLength(11);
  });

  it('speaks hundreds as whole numbers, joined by "and"', () => {
    expect(callClips({ number: 'R-117', counter: 12 }, 'ar')).toEqual([
      'ar/ticket',
      'ar/letter-R',
      'ar/h1',
      'ar/and',
      'ar/n17',
      'ar/counter',
      'ar/n12',
    ]);
    expect(callClips({ number: 'R-300', counter: 1 }, 'en')).toContain('en/h3');
    expect(callClips({ number: 'R-300', counter: 1 }, 'en')).not.toContain('en/and');
  });

  it('reads a number past 999 digit by digit, and only chimes for a number it cannot read', () => {
    expect(callClips({ number: 'A-1002', counter: 2 }, 'en').slice(2, 6)).toEqual([
      'en/n1',
      'en/n0',
      'en/n0',
      'en/n2',
    ]);
    expect(announcementClips({ number: '???', counter: 2 })).toEqual(['chime']);
  });
});
