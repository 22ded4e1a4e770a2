/** Small descriptive statistics shared by the outcome summaries. Pure; empty input → null. */

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Sample standard deviation (n − 1 denominator); null below 2 values. */
export function sampleSd(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  const squares = values.reduce((sum, value) => sum + (value - m) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

/** Pearson correlation of paired values; null below 2 pairs or when either side is constant. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new Error('pearson: xs and ys must be paired');
  const mx = mean(xs);
  const my = mean(ys);
  if (mx === null || my === null || xs.length < 2) return null;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const dx = x - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  if (sxx === 0 || syy === 0) return null;
  // Rounding can push |r| a hair past 1 when the points are collinear.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** A fraction, or null when the denominator is 0 (no one to rate) or the count is not defined. */
export function rate(count: number | null, denominator: number | null): number | null {
  if (count === null || denominator === null || denominator === 0) return null;
  return count / denominator;
}
