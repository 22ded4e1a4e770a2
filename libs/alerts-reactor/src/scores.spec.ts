import { describe, expect, it } from '@jest/globals';
import { MeasureLog } from './measure-log.js';
import { isSameScore, scoresOf } from './scores.js';
import type { Episode, ScoredMeasure } from './state.js';

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

describe('scoresOf', () => {
  it('answers in date then log order, and again after every change of the log (the last answer is kept only until then)', () => {
    const measures = new MeasureLog();
    const episode = { measures } as unknown as Episode;
    const ids = (scores: readonly ScoredMeasure[]) => scores.map((s) => s.measureId);
    measures.push({ ...score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00', 9), administeredOn: '2026-03-01' });
    measures.push({ ...score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f01', 5), administeredOn: '2026-02-01' });
    measures.push({ ...score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f02', 3), administeredOn: '2026-03-01' });
    expect(ids(scoresOf(episode, 'PHQ-9'))).toEqual(['3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f01', '3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f02', '3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00']);
    expect(scoresOf(episode, 'GAD-7')).toEqual([]);

    measures.push({ ...score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f03', 10), administeredOn: '2026-01-15' });
    expect(ids(scoresOf(episode, 'PHQ-9'))[0]).toBe('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f03');
    measures.setValue('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f03', 27);
    expect(scoresOf(episode, 'PHQ-9')[0]!.value).toBe(27);
    measures.remove('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f03');
    expect(scoresOf(episode, 'PHQ-9')).toHaveLength(3);
  });
});
