import { describe, expect, it } from '@jest/globals';
import { instrumentLines } from './instrument-lines.js';

describe('instrumentLines', () => {
  it('gives caseness, reliable change and direction, plus the GSRS alert line (product default < 36)', () => {
    expect(instrumentLines(['GAD-7', 'GSRS', 'NOT-AN-INSTRUMENT'])).toEqual([
      // OUTCOMES.md: GAD-7 caseness ≥ 8, reliable change 4.
      { id: 'GAD-7', caseness: { op: '>=', value: 8 }, reliableChange: { threshold: 4, units: 'total' }, direction: 'lower-is-better' },
      { id: 'GSRS', caseness: null, reliableChange: { threshold: null, units: 'total' }, direction: 'higher-is-better', alertCutoff: { op: '<', value: 36 } },
    ]);
  });
});
