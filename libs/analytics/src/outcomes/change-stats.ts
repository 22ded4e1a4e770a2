/**
 * Sufficient statistics of a set of episodes' (baseline, latest) pairs: everything the outcome
 * summaries, the effect size and the ICC need, as sums that add up group by group. The
 * statistics of a program or a therapist are the sums of their groups', so ~200 000 episodes
 * (a program at 10 M events) are summed in SQL and a request handles one row per group
 * (docs/benchmarks.md, "dashboard endpoints").
 *
 * Scores are summed in hundredths of a point as integers: every instrument's scores are whole
 * numbers or have two decimals (the SWEMWBS metric table, OUTCOMES.md), so the sums are exact,
 * the same in SQL and here, and in whatever order they are added. Differences of sums that can
 * cancel (n·Σb² − (Σb)²) are taken exactly (BigInt past 2^53), so "every baseline is the same" is an exact zero.
 */
export const SCALE = 100;

/** A score in hundredths of a point (exact for whole and two-decimal scores). */
export const toScaled = (score: number): number => Math.round(score * SCALE);

export interface ChangeStats {
  readonly n: number;
  /** Episodes that had ended (a leave) by the window's end. */
  readonly finished: number;
  /** Σ baseline, Σ latest (hundredths); Σ baseline², Σ latest², Σ baseline·latest (ten-thousandths). */
  readonly sumB: number;
  readonly sumL: number;
  readonly sumBB: number;
  readonly sumLL: number;
  readonly sumBL: number;
  /** flagCounts[i]: episodes whose verdict has bit i set (verdict-flags.ts). */
  readonly flagCounts: readonly number[];
}

export const FLAG_BITS = 8;

/** The statistics of these pairs; `flagsOf` gives each pair's verdict bits. */
export function statsOf(pairs: readonly { baseline: number; latest: number; finished: boolean }[], flagsOf: (baseline: number, latest: number) => number): ChangeStats {
  let n = 0, finished = 0, sumB = 0, sumL = 0, sumBB = 0, sumLL = 0, sumBL = 0;
  const flagCounts = new Array<number>(FLAG_BITS).fill(0);
  for (const pair of pairs) {
    const b = toScaled(pair.baseline);
    const l = toScaled(pair.latest);
    n++;
    if (pair.finished) finished++;
    sumB += b;
    sumL += l;
    sumBB += b * b;
    sumLL += l * l;
    sumBL += b * l;
    const flags = flagsOf(pair.baseline, pair.latest);
    for (let bit = 0; bit < FLAG_BITS; bit++) if (flags & (1 << bit)) flagCounts[bit]!++;
  }
  return { n, finished, sumB, sumL, sumBB, sumLL, sumBL, flagCounts };
}

/** The statistics of the union of disjoint sets. */
export function combineStats(parts: readonly ChangeStats[]): ChangeStats {
  const flagCounts = new Array<number>(FLAG_BITS).fill(0);
  let n = 0, finished = 0, sumB = 0, sumL = 0, sumBB = 0, sumLL = 0, sumBL = 0;
  for (const part of parts) {
    n += part.n;
    finished += part.finished;
    sumB += part.sumB;
    sumL += part.sumL;
    sumBB += part.sumBB;
    sumLL += part.sumLL;
    sumBL += part.sumBL;
    part.flagCounts.forEach((count, bit) => (flagCounts[bit]! += count));
  }
  return { n, finished, sumB, sumL, sumBB, sumLL, sumBL, flagCounts };
}

/** mean(latest − baseline) in points; null when n = 0. */
export function meanChangeOf(stats: ChangeStats): number | null {
  return stats.n === 0 ? null : (stats.sumL - stats.sumB) / SCALE / stats.n;
}

/** n·Σxy − Σx·Σy, exactly (hundredths²·n): in plain numbers while both products are safe integers (a group), else in BigInt (a program). */
export function centredProduct(n: number, sumXY: number, sumX: number, sumY: number): number {
  const a = n * sumXY;
  const b = sumX * sumY;
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return a - b;
  return Number(BigInt(n) * BigInt(sumXY) - BigInt(sumX) * BigInt(sumY));
}

/** Change scores (latest − baseline) of one set: n, Σc and Σc² in hundredths, for the ICC. */
export function changeSums(stats: ChangeStats): { n: number; sum: number; sumSq: number } {
  return { n: stats.n, sum: stats.sumL - stats.sumB, sumSq: stats.sumLL - 2 * stats.sumBL + stats.sumBB };
}
