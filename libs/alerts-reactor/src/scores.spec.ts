import { describe, expect, it } from '@jest/globals';
import { MeasureLog } from './measure-log.js';
import { isSameScore } from './scores.js';
import type { ScoredMeasure } from './state.js';

const score = (measureId: string, position: number): ScoredMeasure => ({ measureId, instrument: 'PHQ-9', value: 12, administeredOn: '2026-02-03', sessionId: null, position });

describe('isSameScore', () => {
  it('tells scores apart by position, and by id when the positions agree', () => {
    const log = new MeasureLog();
    log.push(score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00', 7));
    log.push(score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f01', 7));
    log.push(score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00', 8));
    const [first, samePosition, sameId] = log.all();
    // Read back twice: other objects, the same scores.
    expect(isSameScore(first!, log.all()[0]!)).toBe(true);
    expect(isSameScore(first!, samePosition!)).toBe(false);
    expect(isSameScore(first!, sameId!)).toBe(false);
  });
});
