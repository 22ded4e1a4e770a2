import { describe, expect, it } from '@jest/globals';
import { kAnonymize } from './k-anonymity.js';
import { generalize, LADDER, type QuasiIdentifiers } from './quasi-identifiers.js';

const rows = (n: number, qi: QuasiIdentifiers) => Array.from({ length: n }, () => qi);
const same = (q: QuasiIdentifiers) => q;

describe('k-anonymity: generalize first, suppress last', () => {
  it('publishes the original values when every class is already at least k', () => {
    const result = kAnonymize([...rows(3, { ageBand: '30-39', gender: 'female', cohort: '2026-01' }), ...rows(3, { ageBand: '40-49', gender: 'male', cohort: '2026-02' })], same, 3);
    expect({ level: result.level, suppressed: result.suppressed.length, generalized: result.rowsGeneralized }).toEqual({ level: LADDER[0], suppressed: 0, generalized: 0 });
  });

  it('widens age bands before touching the cohort, and counts the generalized rows', () => {
    const result = kAnonymize([...rows(2, { ageBand: '30-39', gender: 'female', cohort: '2026-01' }), ...rows(2, { ageBand: '40-49', gender: 'female', cohort: '2026-01' })], same, 3);
    expect(result.level).toEqual({ age: 'wide', cohort: 'month', gender: 'exact' });
    expect(result.kept.map((k) => k.published)).toEqual(rows(4, { ageBand: '30-49', gender: 'female', cohort: '2026-01' }));
    expect(result.rowsGeneralized).toBe(4);
  });

  it('then the cohort by quarter and year', () => {
    const result = kAnonymize([...rows(2, { ageBand: '30-39', gender: 'male', cohort: '2026-01' }), ...rows(2, { ageBand: '40-49', gender: 'male', cohort: '2026-03' })], same, 4);
    expect(result.kept.map((k) => k.published.cohort)).toEqual(['2026-Q1', '2026-Q1', '2026-Q1', '2026-Q1']);
    expect(generalize({ ageBand: '90+', gender: 'other', cohort: '2025-11' }, { age: 'wider', cohort: 'year', gender: 'coarse' })).toEqual({ ageBand: '50+', gender: 'another or unknown', cohort: '2025' });
  });

  it('suppresses what no level can hide, and every kept class has at least k rows', () => {
    const input = [...rows(5, { ageBand: '30-39', gender: 'female', cohort: '2026-01' }), { ageBand: '90+', gender: 'nonbinary', cohort: '2025-07' }];
    const result = kAnonymize(input, same, 5);
    expect(result.suppressed).toEqual([{ ageBand: '90+', gender: 'nonbinary', cohort: '2025-07' }]);
    expect(result.kept).toHaveLength(5);
    expect(() => kAnonymize(input, same, 0)).toThrow(RangeError);
  });
});
