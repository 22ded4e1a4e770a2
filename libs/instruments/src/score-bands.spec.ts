import { describe, expect, it } from '@jest/globals';
import { getInstrument, scoreResponse, type InstrumentDefinition } from './index.js';
import { itemsSumming } from './testing/index.js';

function definition(id: string): InstrumentDefinition {
  const found = getInstrument(id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

describe('PHQ-9 bands and caseness (Kroenke 2001; caseness ≥ 10)', () => {
  const phq9 = definition('PHQ-9');
  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [9, 'mild', false],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'moderately severe', true],
    [19, 'moderately severe', true],
    [20, 'severe', true],
    [27, 'severe', true],
  ])('total %i → %s, caseness %s', (total, band, caseness) => {
    expect(scoreResponse(phq9, itemsSumming(9, 0, 3, total))).toEqual({ total, band, caseness, valid: true });
  });
});

describe('GAD-7 bands and caseness (≥ 8)', () => {
  const gad7 = definition('GAD-7');
  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [7, 'mild', false],
    [8, 'mild', true],
    [9, 'mild', true],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'severe', true],
    [21, 'severe', true],
  ])('total %i → %s, caseness %s', (total, band, caseness) => {
    expect(scoreResponse(gad7, itemsSumming(7, 0, 3, total))).toEqual({ total, band, caseness, valid: true });
  });
});

describe('CORE-10 bands and caseness (≥ 11)', () => {
  const core10 = definition('CORE-10');
  it.each([
    [0, 'healthy', false],
    [5, 'healthy', false],
    [6, 'low', false],
    [10, 'low', false],
    [11, 'mild', true],
    [14, 'mild', true],
    [15, 'moderate', true],
    [19, 'moderate', true],
    [20, 'moderate-to-severe', true],
    [24, 'moderate-to-severe', true],
    [25, 'severe', true],
    [40, 'severe', true],
  ])('total %i → %s, caseness %s', (total, band, caseness) => {
    expect(scoreResponse(core10, itemsSumming(10, 0, 4, total))).toEqual({ total, band, caseness, valid: true });
  });
});

describe('BARC-10: only ≥ 47 carries a band (Vilsaint 2017)', () => {
  const barc10 = definition('BARC-10');
  it.each([10, 46])('total %i → no band', (total) => {
    expect(scoreResponse(barc10, itemsSumming(10, 1, 6, total))).toEqual({ total, valid: true });
  });
  it.each([47, 60])('total %i → associated with sustained remission', (total) => {
    expect(scoreResponse(barc10, itemsSumming(10, 1, 6, total))).toEqual({
      total,
      band: 'associated with sustained remission',
      valid: true,
    });
  });
});

describe('ORS: clinical range ≤ 25, one-decimal marks', () => {
  const ors = definition('ORS');
  it('sums tenths exactly: 6.3 + 6.3 + 6.3 + 6.1 = 25.0 is clinical', () => {
    expect(scoreResponse(ors, [6.3, 6.3, 6.3, 6.1])).toEqual({
      total: 25,
      band: 'clinical range',
      caseness: true,
      valid: true,
    });
  });
  it('25.1 is the first non-clinical total', () => {
    expect(scoreResponse(ors, [6.3, 6.3, 6.3, 6.2])).toEqual({
      total: 25.1,
      band: 'non-clinical range',
      caseness: false,
      valid: true,
    });
  });
  it('0 and 40 are the ends of the scale', () => {
    expect(scoreResponse(ors, [0, 0, 0, 0])).toMatchObject({ total: 0, band: 'clinical range', caseness: true });
    expect(scoreResponse(ors, [10, 10, 10, 10])).toMatchObject({ total: 40, band: 'non-clinical range', caseness: false });
  });
  it('3.3 + 3.3 + 3.3 + 0.1 is 10.0, not 9.999…', () => {
    expect(scoreResponse(ors, [3.3, 3.3, 3.3, 0.1]).total).toBe(10);
  });
});

describe('instruments without bands or caseness', () => {
  it('WEMWBS: sum only (14 and 70 are the ends)', () => {
    expect(scoreResponse(definition('WEMWBS'), itemsSumming(14, 1, 5, 14))).toEqual({ total: 14, valid: true });
    expect(scoreResponse(definition('WEMWBS'), itemsSumming(14, 1, 5, 70))).toEqual({ total: 70, valid: true });
  });
  it('GSRS: sum of tenths, no band or caseness (the 36 default is an alert cutoff, not caseness)', () => {
    expect(scoreResponse(definition('GSRS'), [9.1, 8.9, 9.0, 9.0])).toEqual({ total: 36, valid: true });
    expect(scoreResponse(definition('GSRS'), [8.9, 8.9, 9.0, 9.1])).toEqual({ total: 35.9, valid: true });
  });
  it('GCQ-S: no total; subscale means, two decimals', () => {
    // engagement items 1,2,4,8,11 = 1,2,4,1,4 → 12/5 = 2.4
    // avoidance items 3,5,9 = 3,5,2 → 10/3 = 3.33
    // conflict items 6,7,10,12 = 6,0,3,5 → 14/4 = 3.5
    expect(scoreResponse(definition('GCQ-S'), [1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5])).toEqual({
      total: null,
      subscales: { engagement: 2.4, avoidance: 3.33, conflict: 3.5 },
      valid: true,
    });
  });
});

describe('scoreResponse guards', () => {
  it('throws on a wrong item count (callers validate first)', () => {
    expect(() => scoreResponse(definition('PHQ-9'), [0, 0, 0])).toThrow(RangeError);
  });
});
