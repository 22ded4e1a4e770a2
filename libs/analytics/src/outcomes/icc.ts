import { SCALE, toScaled } from './change-stats.js';

/**
 * Members are nested in groups, so change scores of one group are not independent
 * (OUTCOMES.md "Group cohesion"): report the intraclass correlation of change with groups as
 * clusters, ICC(1) = (MSB − MSW)/(MSB + (k − 1)·MSW), and the design effect 1 + (m − 1)·ICC,
 * only when at least 2 groups with at least 3 measured members each exist.
 *
 * - Clusters: the groups with ≥ MIN_MEMBERS measured members; smaller groups are left out
 *   of the ANOVA (a lone member adds no within-group information, and the rule above asks
 *   for measured groups of 3).
 * - k: with unequal group sizes the one-way ANOVA estimator uses the adjusted mean size
 *   k0 = (N − Σnᵢ²/N)/(g − 1), which equals the plain mean size when groups are balanced
 *   (Donner A. A review of inference procedures for the intraclass correlation coefficient in
 *   the one-way random effects model. Int Stat Rev 1986;54(1):67-82. https://doi.org/10.2307/1403259).
 * - m: the mean cluster size N/g (Kish L. Survey Sampling. Wiley, 1965: deff = 1 + (m − 1)ρ).
 * - Negative estimates: the ICC of the one-way random-effects model is a variance ratio
 *   (between-group variance / total), so it cannot be below 0; a negative ANOVA estimate
 *   (more spread within groups than between, common with few groups) is sampling noise and
 *   is reported as 0, the usual convention, so the design effect never falls below 1. The raw
 *   estimate stays in `estimate` for anyone who wants it.
 */
export const MIN_GROUPS = 2;
export const MIN_MEMBERS = 3;

export interface IccAnova {
  readonly groups: number;
  readonly members: number;
  readonly msb: number;
  readonly msw: number;
  readonly k0: number;
  readonly meanClusterSize: number;
  /** (MSB − MSW)/(MSB + (k0 − 1)·MSW), possibly negative. */
  readonly estimate: number;
  /** max(0, estimate). */
  readonly icc: number;
  /** 1 + (m − 1)·icc. */
  readonly designEffect: number;
}

export type IccResult = ({ readonly present: true } & IccAnova) | { readonly present: false; readonly reason: string };

/** `clusters`: the change scores of each group's episodes. */
/** One cluster's change scores as sums, in hundredths of a point (change-stats.ts): n, Σc, Σc². */
export interface ClusterSums {
  readonly n: number;
  readonly sum: number;
  readonly sumSq: number;
}

/** ICC of change from per-group sums: SSB = Σ Sᵢ²/nᵢ − S²/N, SSW = Σ Qᵢ − Σ Sᵢ²/nᵢ. */
export function iccOfClusterSums(clusters: readonly ClusterSums[]): IccResult {
  const measured = clusters.filter((cluster) => cluster.n >= MIN_MEMBERS);
  if (measured.length < MIN_GROUPS) {
    return {
      present: false,
      reason: `ICC needs at least ${MIN_GROUPS} groups with at least ${MIN_MEMBERS} measured members each; ${measured.length} such group(s) here.`,
    };
  }
  // Every change score the same (no variance to share out), decided exactly: nᵢ·Qᵢ = Sᵢ² in every group and equal group means.
  const [first] = measured;
  const same = measured.every((c) => BigInt(c.n) * BigInt(c.sumSq) === BigInt(c.sum) ** 2n && BigInt(c.sum) * BigInt(first!.n) === BigInt(first!.sum) * BigInt(c.n));
  if (same) return { present: false, reason: 'ICC is undefined: every change score is the same.' };

  const g = measured.length;
  const total = measured.reduce((sum, c) => sum + c.n, 0);
  const grandSum = measured.reduce((sum, c) => sum + c.sum, 0);
  const between = measured.reduce((sum, c) => sum + (c.sum * c.sum) / c.n, 0);
  const squares = measured.reduce((sum, c) => sum + c.sumSq, 0);
  const ssb = (between - (grandSum * grandSum) / total) / (SCALE * SCALE);
  const ssw = (squares - between) / (SCALE * SCALE);
  const msb = ssb / (g - 1);
  const msw = ssw / (total - g);
  const k0 = (total - measured.reduce((s, c) => s + c.n * c.n, 0) / total) / (g - 1);
  const estimate = (msb - msw) / (msb + (k0 - 1) * msw);
  const icc = Math.max(0, estimate);
  const meanClusterSize = total / g;
  const designEffect = 1 + (meanClusterSize - 1) * icc;
  return { present: true, groups: g, members: total, msb, msw, k0, meanClusterSize, estimate, icc, designEffect };
}

/** ICC of change from each group's change scores (latest − baseline). */
export function iccOfChange(clusters: readonly (readonly number[])[]): IccResult {
  return iccOfClusterSums(
    clusters.map((changes) => {
      const scaled = changes.map(toScaled);
      return { n: scaled.length, sum: scaled.reduce((a, b) => a + b, 0), sumSq: scaled.reduce((a, b) => a + b * b, 0) };
    }),
  );
}
