import { describe, expect, it } from '@jest/globals';
import { getInstrument, scoreResponse, type InstrumentDefinition } from './index.js';

function definition(id: string): InstrumentDefinition {
  const found = getInstrument(id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

describe('CORE-10 prorating: one missing item → sum × 10/9 to one decimal', () => {
  const core10 = definition('CORE-10');

  it('0 missing: the plain sum', () => {
    expect(scoreResponse(core10, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2])).toEqual({
      total: 20,
      band: 'moderate-to-severe',
      caseness: true,
      valid: true,
    });
  });

  it('1 missing: 13 × 10/9 = 14.44… → 14.4 (mild, case)', () => {
    expect(scoreResponse(core10, [2, 2, 2, 2, 2, null, 1, 0, 1, 1])).toEqual({
      total: 14.4,
      band: 'mild',
      caseness: true,
      valid: true,
    });
  });

  it('1 missing: 9 × 10/9 = 10.0 (low, not a case)', () => {
    expect(scoreResponse(core10, [null, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual({
      total: 10,
      band: 'low',
      caseness: false,
      valid: true,
    });
  });

  it('1 missing: 10 × 10/9 = 11.11… → 11.1 (mild, case)', () => {
    expect(scoreResponse(core10, [2, 1, 1, 1, 1, 1, 1, 1, 1, null])).toEqual({
      total: 11.1,
      band: 'mild',
      caseness: true,
      valid: true,
    });
  });

  it('1 missing: 5 × 10/9 = 5.55… → 5.6, between bands, stays in the lower band (healthy)', () => {
    expect(scoreResponse(core10, [1, 1, 1, 1, 1, 0, 0, 0, 0, null])).toEqual({
      total: 5.6,
      band: 'healthy',
      caseness: false,
      valid: true,
    });
  });

  it('1 missing: 36 × 10/9 = 40.0 (the top of the scale)', () => {
    expect(scoreResponse(core10, [4, 4, 4, 4, 4, 4, 4, 4, 4, null]).total).toBe(40);
  });

  it('2 missing: invalid, no total', () => {
    expect(scoreResponse(core10, [4, 4, 4, 4, 4, 4, 4, 4, null, null])).toEqual({ total: null, valid: false });
  });
});

describe('GCQ-S: invalid when more than 4 items are missing', () => {
  const gcqs = definition('GCQ-S');

  it('4 missing (items 3, 6, 9, 12): valid, means over the answered items', () => {
    // engagement 1,2,4,8,11 = 4,3,5,6,3 → 21/5 = 4.2
    // avoidance 3,5,9 = –,2,– → 2/1 = 2
    // conflict 6,7,10,12 = –,1,0,– → 1/2 = 0.5
    expect(scoreResponse(gcqs, [4, 3, null, 5, 2, null, 1, 6, null, 0, 3, null])).toEqual({
      total: null,
      subscales: { engagement: 4.2, avoidance: 2, conflict: 0.5 },
      valid: true,
    });
  });

  it('4 missing covering a whole subscale: valid, that subscale null', () => {
    // avoidance 3,5,9 all missing; engagement 1,2,4,8,11 = 6,6,6,6,– → 6; conflict 6,7,10,12 = 1,2,3,4 → 2.5
    expect(scoreResponse(gcqs, [6, 6, null, 6, null, 1, 2, 6, null, 3, null, 4])).toEqual({
      total: null,
      subscales: { engagement: 6, avoidance: null, conflict: 2.5 },
      valid: true,
    });
  });

  it('5 missing: invalid, every subscale null', () => {
    expect(scoreResponse(gcqs, [null, 3, null, 5, 2, null, 1, 6, null, 0, 3, null])).toEqual({
      total: null,
      subscales: { engagement: null, avoidance: null, conflict: null },
      valid: false,
    });
  });
});

describe('complete-only instruments', () => {
  it('PHQ-9 with one missing item is invalid', () => {
    expect(scoreResponse(definition('PHQ-9'), [3, 3, 3, 3, 3, 3, 3, 3, null])).toEqual({ total: null, valid: false });
  });
  it('GAD-7 with one missing item is invalid', () => {
    expect(scoreResponse(definition('GAD-7'), [null, 1, 1, 1, 1, 1, 1])).toEqual({ total: null, valid: false });
  });
  it('SWEMWBS with one missing item is invalid (no metric)', () => {
    expect(scoreResponse(definition('SWEMWBS'), [5, 5, 5, 5, 5, 5, null])).toEqual({ total: null, valid: false });
  });
});
