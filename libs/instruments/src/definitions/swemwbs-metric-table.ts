import type { MetricTable } from '../definition.js';

/**
 * SWEMWBS raw sum (7..35) → metric score, from the Rasch analysis of Stewart-Brown et al.
 * 2009 as published by Warwick Medical School (see citations.ts: STEWART_BROWN_2009,
 * WARWICK_HOWTO), copied exactly as OUTCOMES.md gives it. `version` is stored with every
 * SWEMWBS score so a later table can re-score history as new facts.
 */
export const swemwbsMetricTableV1: MetricTable = {
  version: 'warwick-rasch-2009',
  rawMin: 7,
  values: [
    7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25,
    19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55, 35.0,
  ],
};
