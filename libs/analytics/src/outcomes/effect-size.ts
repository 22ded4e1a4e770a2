import { centredProduct, type ChangeStats, meanChangeOf, SCALE, statsOf } from './change-stats.js';
import type { EffectSize } from './outcomes.types.js';

/**
 * Becker BJ. Synthesizing standardized mean-change measures. Br J Math Stat Psychol
 * 1988;41(2):257-278. https://doi.org/10.1111/j.2044-8317.1988.tb00901.x — the large-sample
 * variance of a pre-post d standardized by the pretest SD: Var(d) ≈ 2(1 − r)/n + d²/(2n).
 * The same formula is metafor's `escalc(measure = "SMCR")` sampling variance
 * (https://www.metafor-project.org/doku.php/analyses:morris2008), used as a cross-check.
 */
export const BECKER_1988 =
  'Becker BJ. Synthesizing standardized mean-change measures. Br J Math Stat Psychol 1988;41(2):257-278. ' +
  'https://doi.org/10.1111/j.2044-8317.1988.tb00901.x';

const Z_975 = 1.959963984540054;

/** Var(d) ≈ 2(1 − r)/n + d²/(2n) (Becker 1988, large-sample). */
export function prePostDVariance(d: number, r: number, n: number): number {
  return (2 * (1 - r)) / n + (d * d) / (2 * n);
}

/**
 * Pre-post effect size d = mean(latest − baseline) / SD(baseline) (sample SD), with a 95 % CI
 * d ± 1.96·√Var(d). The sign follows the score: negative = scores fell.
 * r is the pre-post (baseline–latest) Pearson correlation computed from the same episodes.
 * When r is undefined (a side is constant) we assume r = 0, which widens the interval
 * relative to any positive correlation (the usual case for repeated measures): conservative.
 * No small-sample (Hedges) correction: the type says plain 'd (baseline SD)'.
 * From sums (change-stats.ts): SD² = (n·Σb² − (Σb)²)/(n(n − 1)), r = Sxy/√(Sxx·Syy) with the
 * centred sums taken exactly.
 */
export function effectSizeOf(stats: ChangeStats): EffectSize {
  const type = 'd (baseline SD)' as const;
  const { n } = stats;
  if (n < 2) return { type, d: null, ci95: null };
  const sxx = centredProduct(n, stats.sumBB, stats.sumB, stats.sumB);
  if (sxx === 0) return { type, d: null, ci95: null };
  const syy = centredProduct(n, stats.sumLL, stats.sumL, stats.sumL);
  const sxy = centredProduct(n, stats.sumBL, stats.sumB, stats.sumL);
  const sd = Math.sqrt(sxx / (n * (n - 1))) / SCALE;
  const d = meanChangeOf(stats)! / sd;
  // Rounding can push |r| a hair past 1 when the points are collinear.
  const r = syy === 0 ? 0 : Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const half = Z_975 * Math.sqrt(prePostDVariance(d, r, n));
  return { type, d, ci95: [d - half, d + half] };
}

/** effectSizeOf for paired lists of scores. */
export function prePostEffectSize(baseline: readonly number[], latest: readonly number[]): EffectSize {
  if (baseline.length !== latest.length) throw new Error('prePostEffectSize: baseline and latest must be paired');
  return effectSizeOf(statsOf(baseline.map((b, i) => ({ baseline: b, latest: latest[i]!, finished: false })), () => 0));
}
