import { describe, expect, it } from '@jest/globals';
import { iccOfChange } from './icc.js';

describe('iccOfChange (ICC(1) of change scores, groups as clusters)', () => {
  it('balanced groups: the one-way ANOVA written out', () => {
    // A = [2, 4, 6] (mean 4), B = [6, 8, 10] (mean 8); N = 6, g = 2, grand mean 6.
    // SSB = 3·(4 − 6)² + 3·(8 − 6)² = 12 + 12 = 24; dfB = 1 → MSB = 24.
    // SSW = (4 + 0 + 4) + (4 + 0 + 4) = 16; dfW = 6 − 2 = 4 → MSW = 4.
    // k0 = (6 − (9 + 9)/6)/1 = 3 (= the plain mean size when balanced).
    // ICC = (24 − 4)/(24 + (3 − 1)·4) = 20/32 = 0.625; m = 3 → deff = 1 + 2·0.625 = 2.25.
    const result = iccOfChange([
      [2, 4, 6],
      [6, 8, 10],
    ]);
    if (!result.present) throw new Error(result.reason);
    expect(result.msb).toBe(24);
    expect(result.msw).toBe(4);
    expect(result.k0).toBe(3);
    expect(result.icc).toBe(0.625);
    expect(result.designEffect).toBe(2.25);
  });

  it('unequal groups use k0 = (N − Σnᵢ²/N)/(g − 1) and m = N/g', () => {
    // A = [1, 2, 3] (mean 2), B = [5, 5, 6, 8] (mean 6); N = 7, grand = 30/7.
    // SSB = 3·(2 − 30/7)² + 4·(6 − 30/7)² = 3·256/49 + 4·144/49 = 1344/49 = 27.428571 = MSB (dfB 1).
    // SSW = (1 + 0 + 1) + (1 + 1 + 0 + 4) = 8; dfW = 5 → MSW = 1.6.
    // k0 = 7 − 25/7 = 24/7 = 3.428571.
    // ICC = (27.428571 − 1.6)/(27.428571 + 2.428571·1.6) = 25.828571/31.314286 = 0.824818.
    // m = 3.5 → deff = 1 + 2.5·0.824818 = 3.062044.
    const result = iccOfChange([
      [1, 2, 3],
      [5, 5, 6, 8],
    ]);
    if (!result.present) throw new Error(result.reason);
    expect(result.msb).toBeCloseTo(1344 / 49, 10);
    expect(result.msw).toBeCloseTo(1.6, 10);
    expect(result.k0).toBeCloseTo(24 / 7, 10);
    expect(result.icc).toBeCloseTo(0.824818, 6);
    expect(result.meanClusterSize).toBe(3.5);
    expect(result.designEffect).toBeCloseTo(3.062044, 6);
  });

  it('a negative ANOVA estimate is reported as 0, with a design effect of 1', () => {
    // A = [0, 10, 20], B = [1, 9, 20]: means 10 and 10, so SSB = 0 → MSB = 0;
    // SSW = 200 + 182 = 382 → MSW = 95.5 → estimate = (0 − 95.5)/(0 + 2·95.5) = −0.5.
    const result = iccOfChange([
      [0, 10, 20],
      [1, 9, 20],
    ]);
    if (!result.present) throw new Error(result.reason);
    expect(result.estimate).toBeCloseTo(-0.5, 10);
    expect(result.icc).toBe(0);
    expect(result.designEffect).toBe(1);
  });

  it('leaves out groups with fewer than 3 measured members', () => {
    // The lone member of the third group would change MSB if it counted.
    const withLone = iccOfChange([[2, 4, 6], [6, 8, 10], [100]]);
    if (!withLone.present) throw new Error(withLone.reason);
    expect(withLone.groups).toBe(2);
    expect(withLone.icc).toBe(0.625);
  });

  it('is absent, saying why, below 2 groups of 3 measured members', () => {
    const one = iccOfChange([[1, 2, 3], [4, 5]]);
    expect(one).toEqual({ present: false, reason: expect.stringContaining('1 such group') });
    expect(iccOfChange([]).present).toBe(false);
    const flat = iccOfChange([
      [3, 3, 3],
      [3, 3, 3],
    ]);
    expect(flat).toEqual({ present: false, reason: 'ICC is undefined: every change score is the same.' });
  });
});
