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
export function iccOfChange(clusters: readonly (readonly number[])[]): IccResult {
  const measured = clusters.filter((members) => members.length >= MIN_MEMBERS);
  if (measured.length < MIN_GROUPS) {
    return {
      present: false,
      reason: `ICC needs at least ${MIN_GROUPS} groups with at least ${MIN_MEMBERS} measured members each; ${measured.length} such group(s) here.`,
    };
  }
  const g = measured.length;
  const sizes = measured.map((members) => members.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  const all = measured.flat();
  const grand = all.reduce((a, b) => a + b, 0) / total;
  const means = measured.map((members) => members.reduce((a, b) => a + b, 0) / members.length);

  const ssb = measured.reduce((sum, members, i) => sum + members.length * (means[i]! - grand) ** 2, 0);
  const ssw = measured.reduce((sum, members, i) => sum + members.reduce((s, x) => s + (x - means[i]!) ** 2, 0), 0);
  const msb = ssb / (g - 1);
  const msw = ssw / (total - g);
  const k0 = (total - sizes.reduce((s, n) => s + n * n, 0) / total) / (g - 1);
  const denominator = msb + (k0 - 1) * msw;
  if (denominator === 0) {
    return { present: false, reason: 'ICC is undefined: every change score is the same.' };
  }
  const estimate = (msb - msw) / denominator;
  const icc = Math.max(0, estimate);
  const meanClusterSize = total / g;
  const designEffect = 1 + (meanClusterSize - 1) * icc;
  return { present: true, groups: g, members: total, msb, msw, k0, meanClusterSize, estimate, icc, designEffect };
}
