import { describe, expect, it } from '@jest/globals';
import { prePostDVariance, prePostEffectSize } from './effect-size.js';

describe('prePostEffectSize (d with baseline SD, Becker 1988 CI)', () => {
  it('hand-worked: three episodes', () => {
    // baseline [10, 12, 14] (mean 12, SS 8, SD = √(8/2) = 2); latest [6, 9, 9] (mean 8).
    // changes [−4, −3, −5] → mean −4 → d = −4/2 = −2.
    // r: Sxy = (−2)(−2) + 0·1 + 2·1 = 6, Sxx = 8, Syy = 4 + 1 + 1 = 6 → r = 6/√48 = 0.866025.
    // Var(d) = 2(1 − 0.866025)/3 + (−2)²/(2·3) = 0.089316 + 0.666667 = 0.755983; SE = 0.869473.
    // CI = −2 ± 1.959964·0.869473 = −2 ± 1.704135 → [−3.704135, −0.295865].
    const result = prePostEffectSize([10, 12, 14], [6, 9, 9]);
    expect(result.type).toBe('d (baseline SD)');
    expect(result.d).toBe(-2);
    expect(result.ci95![0]).toBeCloseTo(-3.704135, 5);
    expect(result.ci95![1]).toBeCloseTo(-0.295865, 5);
  });

  it('the variance matches metafor escalc(measure="SMCR") on Morris (2008) study 1', () => {
    // metafor's test suite: yi = 0.5056, ri = 0.47, ni = 20 → vi = 0.0594
    // (https://www.metafor-project.org/doku.php/analyses:morris2008).
    // 2(1 − 0.47)/20 + 0.5056²/40 = 0.053 + 0.006391 = 0.059391.
    expect(prePostDVariance(0.5056, 0.47, 20)).toBeCloseTo(0.0594, 4);
  });

  it('assumes r = 0 when the correlation is undefined (a constant latest score)', () => {
    // baseline [10, 14] (SD 2√2 = 2.828427), latest [5, 5]: changes −5, −9 → mean −7 → d = −2.474874.
    // Var = 2(1 − 0)/2 + d²/4 = 1 + 1.53125 = 2.53125 → half = 1.959964·1.590990 = 3.118283.
    const result = prePostEffectSize([10, 14], [5, 5]);
    expect(result.d).toBeCloseTo(-2.474874, 5);
    expect(result.ci95![0]).toBeCloseTo(-2.474874 - 3.118283, 5);
    expect(result.ci95![1]).toBeCloseTo(-2.474874 + 3.118283, 5);
  });

  it('is null below 2 episodes or with a baseline SD of 0', () => {
    expect(prePostEffectSize([12], [6])).toEqual({ type: 'd (baseline SD)', d: null, ci95: null });
    expect(prePostEffectSize([], [])).toEqual({ type: 'd (baseline SD)', d: null, ci95: null });
    expect(prePostEffectSize([12, 12], [6, 8])).toEqual({ type: 'd (baseline SD)', d: null, ci95: null });
  });
});
