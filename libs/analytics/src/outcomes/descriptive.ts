/** Small helpers shared by the outcome summaries. Pure. */

/** A fraction, or null when the denominator is 0 (no one to rate) or the count is not defined. */
export function rate(count: number | null, denominator: number | null): number | null {
  if (count === null || denominator === null || denominator === 0) return null;
  return count / denominator;
}
