import { describe, expect, it } from '@jest/globals';
import { getInstrument, scoreResponse } from './index.js';
import { itemsSumming } from './testing/index.js';

// OUTCOMES.md "SWEMWBS raw → metric (raw 7..35)", typed in again here on purpose.
const expectedMetric: Record<number, number> = {
  7: 7.0, 8: 9.51, 9: 11.25, 10: 12.4, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32, 15: 15.84,
  16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98, 23: 20.73,
  24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13,
  32: 29.31, 33: 30.7, 34: 32.55, 35: 35.0,
};

describe('SWEMWBS raw sum → metric score', () => {
  const swemwbs = getInstrument('SWEMWBS')!;

  it('covers all 29 raw sums', () => {
    expect(Object.keys(expectedMetric)).toHaveLength(29);
  });

  it.each(Object.entries(expectedMetric).map(([raw, metric]) => [Number(raw), metric]))(
    'raw %i → metric %d',
    (raw, metric) => {
      expect(scoreResponse(swemwbs, itemsSumming(7, 1, 5, raw))).toEqual({ total: raw, metric, valid: true });
    },
  );

  it('records the table version on the definition', () => {
    expect(swemwbs.scoring).toMatchObject({ kind: 'sum-then-metric', table: { version: 'warwick-rasch-2009' } });
  });
});
