import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FLAG_SETTINGS, sessionFlags } from './session-flags.js';
import { summarize } from './stats.js';

const members = (...pairs: [string, number, number | null][]) => pairs.map(([participantId, total, previous]) => ({ participantId, total, previous }));

describe('sessionFlags (OUTCOMES.md defaults: SD ≥ 5, ≥ 8 below the mean, any drop)', () => {
  it('flags disagreement at SD exactly 5 but not just below', () => {
    // 30, 40: mean 35, sd √((25 + 25)/1) = √50 = 7.07 → flagged.
    expect(sessionFlags(summarize([30, 40]), [], null)).toEqual([{ type: 'disagreement' }]);
    expect(sessionFlags({ mean: 30, sd: 5, n: 3 }, [], null)).toEqual([{ type: 'disagreement' }]);
    expect(sessionFlags({ mean: 30, sd: 4.99, n: 3 }, [], null)).toEqual([]);
    expect(sessionFlags({ mean: 30, sd: null, n: 1 }, [], null)).toEqual([]);
  });

  it('flags an outlier at exactly 8 points below the mean despite float noise (one-decimal GSRS)', () => {
    // 20.2 and 4.2: mean 12.2, 8 below; in floats 12.2 − 4.2 = 7.999999999999999.
    expect(summarize([20.2, 4.2]).mean! - 4.2).toBeLessThan(8);
    const m = members(['p1', 20.2, null], ['p2', 4.2, null]);
    expect(sessionFlags(summarize([20.2, 4.2]), m, null)).toContainEqual({ type: 'outlier', participantId: 'p2' });
    // 36.1 and 20.3: mean 28.2, 7.9 below → no outlier.
    const n = members(['p1', 36.1, null], ['p2', 20.3, null]);
    expect(sessionFlags(summarize([36.1, 20.3]), n, null)).not.toContainEqual({ type: 'outlier', participantId: 'p2' });
  });

  it('flags any fall from the previous session, not a rise or an equal score', () => {
    const m = members(['b', 35.9, 36], ['a', 36, 36], ['c', 37, 36], ['d', 30, null]);
    expect(sessionFlags({ mean: 34.725, sd: 3, n: 4 }, m, null)).toEqual([{ type: 'alliance_drop', participantId: 'b' }]);
  });

  it('orders flags: disagreement, outliers, drops (each by participant), low attendance (off by default)', () => {
    const m = members(['z', 10, 20], ['y', 12, 20], ['x', 40, 40]);
    const gsrs = summarize([10, 12, 40]); // mean 20.667; z 10.67 and y 8.67 below
    expect(sessionFlags(gsrs, m, 0.2)).toEqual([
      { type: 'disagreement' },
      { type: 'outlier', participantId: 'y' },
      { type: 'outlier', participantId: 'z' },
      { type: 'alliance_drop', participantId: 'y' },
      { type: 'alliance_drop', participantId: 'z' },
    ]);
    expect(sessionFlags(gsrs, [], 0.2, { ...DEFAULT_FLAG_SETTINGS, disagreementSd: 100, lowAttendanceRate: 0.5 })).toEqual([{ type: 'low_attendance' }]);
    expect(sessionFlags(gsrs, [], 0.5, { ...DEFAULT_FLAG_SETTINGS, disagreementSd: 100, lowAttendanceRate: 0.5 })).toEqual([]);
  });
});
