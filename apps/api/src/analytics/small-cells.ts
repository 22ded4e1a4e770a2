/**
 * The small-cell rule for researchers (PRIVACY.md; CMS cell-size suppression policy: no cell
 * of 1–10 is shown). Counts from 1 to 10 become null, and so does every rate or mean derived
 * from them. Zero is shown: it reveals no one.
 */
export const MIN_CELL = 11;

export function suppressCount(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return value > 0 && value < MIN_CELL ? null : value;
}

const COUNT_KEYS = new Set([
  'n', 'finished', 'ongoing', 'nCaseAtBaseline', 'reliableImprovement', 'reliableDeterioration', 'noReliableChange',
  'recovery', 'reliableRecovery', 'response', 'remission', 'recovered', 'improved', 'unchanged', 'deteriorated',
]);


/** Outcomes summary: suppress each small count and its rate; when n itself is small, hide the statistics too. */
export function suppressOutcomeSummary<T extends object>(value: T): T {
  const summary = value as Record<string, unknown> & { rates?: Record<string, number | null> };
  const out: Record<string, unknown> = { ...summary };
  const rates: Record<string, number | null> = { ...(summary.rates ?? {}) };
  for (const key of Object.keys(summary)) {
    if (!COUNT_KEYS.has(key) || typeof summary[key] !== 'number') continue;
    const shown = suppressCount(summary[key] as number);
    out[key] = shown;
    if (shown === null && key in rates) rates[key] = null;
  }
  if (summary.rates) out['rates'] = rates;
  if (out['n'] === null) {
    out['meanChange'] = null;
    out['effectSize'] = { ...(summary['effectSize'] as object), d: null, ci95: null };
    for (const key of Object.keys(rates)) rates[key] = null;
  }
  return out as T;
}
