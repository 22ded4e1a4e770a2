import { describe, expect, it } from '@jest/globals';
import { kaplanMeier, medianSurvivalDay, type Observation } from './kaplan-meier.js';

/**
 * The 6-MP arm of Freireich et al. 1963 (remission times in weeks, + = censored), the
 * textbook example of Klein & Moeschberger, Survival Analysis 2nd ed. 2003, Table 4.1A:
 * 6, 6, 6, 6+, 7, 9+, 10, 10+, 11+, 13, 16, 17+, 19+, 20+, 22, 23, 25+, 32+, 32+, 34+, 35+.
 * Day 6 and day 10 tie events with censorings: events first.
 */
const sixMp: Observation[] = [
  ...[6, 6, 6, 7, 10, 13, 16, 22, 23].map((time) => ({ time, event: true })),
  ...[6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35].map((time) => ({ time, event: false })),
];

describe('kaplanMeier on the 6-MP textbook example', () => {
  const points = kaplanMeier(sixMp);
  const at = (day: number) => points.find((p) => p.day === day)!;

  it('starts at (0, 1) and steps at each event day with the published S(t)', () => {
    expect(points[0]).toEqual({ day: 0, atRisk: 21, events: 0, censored: 0, survival: 1, ci95: [1, 1] });
    // day 6: 21 at risk (the one censored at 6 still counts), 3 events: S = 18/21 = 0.857143.
    expect(at(6)).toMatchObject({ atRisk: 21, events: 3, censored: 1 });
    expect(at(6).survival).toBeCloseTo(18 / 21, 12);
    // day 7: 17 at risk: S = 0.857143 × 16/17 = 0.806723.
    expect(at(7)).toMatchObject({ atRisk: 17, events: 1, censored: 0 });
    expect(at(7).survival).toBeCloseTo(0.806723, 6);
    // day 9: censoring only; S unchanged.
    expect(at(9)).toMatchObject({ atRisk: 16, events: 0, censored: 1 });
    expect(at(9).survival).toBeCloseTo(0.806723, 6);
    // day 10: 15 at risk, event before the censoring: 0.806723 × 14/15 = 0.752941.
    expect(at(10)).toMatchObject({ atRisk: 15, events: 1, censored: 1 });
    expect(at(10).survival).toBeCloseTo(0.752941, 6);
    expect(at(13).survival).toBeCloseTo(0.690196, 6); // × 11/12
    expect(at(16).survival).toBeCloseTo(0.627451, 6); // × 10/11
    expect(at(22).survival).toBeCloseTo(0.537815, 6); // 7 at risk, × 6/7
    expect(at(23).survival).toBeCloseTo(0.448179, 6); // 6 at risk, × 5/6
    expect(at(35)).toMatchObject({ atRisk: 1, events: 0, censored: 1 });
    expect(points.map((p) => p.day)).toEqual([0, 6, 7, 9, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 34, 35]);
    expect(at(32)).toMatchObject({ atRisk: 4, censored: 2 });
  });

  it('gives log-log Greenwood intervals (hand-worked from the published SE)', () => {
    // day 6: Σ = 3/(21·18) = 0.0079365; SE = S√Σ = 0.0764 (Table 4.1A); σ = √Σ/|ln S| =
    // 0.089087/0.154151 = 0.57792; exp(±1.96σ) = 3.10405, 0.32216; 0.857143^3.10405 = 0.6197, ^0.32216 = 0.9516.
    expect(at(6).ci95[0]).toBeCloseTo(0.6197, 4);
    expect(at(6).ci95[1]).toBeCloseTo(0.9516, 4);
    // day 7: Σ += 1/(17·16) → 0.0116130; SE 0.0869 → [0.5631, 0.9228].
    expect(at(7).ci95[0]).toBeCloseTo(0.5631, 4);
    expect(at(7).ci95[1]).toBeCloseTo(0.9228, 4);
    // day 23: Σ = 0.0901954 (SE 0.1346) → [0.1881, 0.6801].
    expect(at(23).ci95[0]).toBeCloseTo(0.1881, 4);
    expect(at(23).ci95[1]).toBeCloseTo(0.6801, 4);
  });

  it('gives plain Greenwood intervals S ± 1.96·SE, clamped to [0, 1]', () => {
    const plain = kaplanMeier(sixMp, 'plain');
    const day6 = plain.find((p) => p.day === 6)!;
    // 0.857143 ± 1.96 × 0.076360 = [0.7075, 1.0072] → upper clamped to 1.
    expect(day6.ci95[0]).toBeCloseTo(0.7075, 4);
    expect(day6.ci95[1]).toBe(1);
    const day23 = plain.find((p) => p.day === 23)!;
    // 0.448179 ± 1.96 × 0.134598 = [0.1844, 0.7120].
    expect(day23.ci95[0]).toBeCloseTo(0.1844, 4);
    expect(day23.ci95[1]).toBeCloseTo(0.712, 4);
  });

  it('finds the median at the first day S ≤ 0.5: day 23', () => {
    expect(medianSurvivalDay(points)).toBe(23);
  });
});

describe('kaplanMeier edge cases', () => {
  it('has no points for no observations and no median', () => {
    expect(kaplanMeier([])).toEqual([]);
    expect(medianSurvivalDay([])).toBeNull();
  });

  it('reaches 0 when the last at risk has the event, with interval [0, 0]', () => {
    const points = kaplanMeier([{ time: 0, event: true }, { time: 5, event: false }, { time: 9, event: true }]);
    // day 0: event first: 3 at risk, S = 2/3 (no extra starting point); day 5 censored; day 9: 1 at risk → 0.
    expect(points.map((p) => [p.day, p.atRisk, p.events, p.censored])).toEqual([[0, 3, 1, 0], [5, 2, 0, 1], [9, 1, 1, 0]]);
    expect(points[0]!.survival).toBeCloseTo(2 / 3, 12);
    expect(points[2]).toMatchObject({ survival: 0, ci95: [0, 0] });
    expect(medianSurvivalDay(points)).toBe(9);
  });

  it('stays at 1 with interval [1, 1] when everyone is censored; median null', () => {
    const points = kaplanMeier([{ time: 3, event: false }, { time: 3, event: false }]);
    expect(points).toEqual([
      { day: 0, atRisk: 2, events: 0, censored: 0, survival: 1, ci95: [1, 1] },
      { day: 3, atRisk: 2, events: 0, censored: 2, survival: 1, ci95: [1, 1] },
    ]);
    expect(medianSurvivalDay(points)).toBeNull();
  });

  it('takes a survival of exactly 0.5 as the median', () => {
    // 2 at risk, 1 event on day 4: S = 0.5.
    expect(medianSurvivalDay(kaplanMeier([{ time: 4, event: true }, { time: 8, event: false }]))).toBe(4);
  });

  it('refuses negative times', () => {
    expect(() => kaplanMeier([{ time: -1, event: true }])).toThrow(RangeError);
  });

  it('takes counted observations as that many episodes (the 6-MP example counted per time and outcome)', () => {
    const counted = new Map<string, Observation & { count: number }>();
    for (const o of sixMp) {
      const key = `${o.time}:${o.event}`;
      const seen = counted.get(key);
      counted.set(key, { ...o, count: (seen?.count ?? 0) + 1 });
    }
    expect(counted.get('6:true')?.count).toBe(3);
    expect(kaplanMeier([...counted.values()])).toEqual(kaplanMeier(sixMp));
    expect(() => kaplanMeier([{ time: 1, event: true, count: 0 }])).toThrow(RangeError);
    expect(() => kaplanMeier([{ time: 1, event: true, count: 1.5 }])).toThrow(RangeError);
  });
});
