import { describe, expect, it } from 'vitest';
import { qualifiersOf } from '../../../src/pipeline/parse/qualifiers.ts';

describe('qualifiers', () => {
  it('reads durations in words and shorthand', () => {
    expect(qualifiersOf('cough for 3 days').duration).toBe('3 days');
    expect(qualifiersOf('SOB x 2 wks').duration).toBe('2 weeks');
    expect(qualifiersOf('fever since yesterday').duration).toBe('since yesterday');
    expect(qualifiersOf('diarrhoea 2/7').duration).toBe('2 days');
  });
  it('reads onset, severity, site and character', () => {
    const q = qualifiersOf('sudden worst headache of my life');
    expect(q).toMatchObject({ onset: 'sudden', severity: 'severe' });
    expect(qualifiersOf('pain in the right lower quadrant').site).toBe('right lower quadrant');
    expect(qualifiersOf('productive cough').character).toBe('productive');
  });
});
