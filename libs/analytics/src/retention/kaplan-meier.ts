/**
 * Kaplan–Meier product-limit estimate with Greenwood's variance (pure).
 *
 * - Ties: at a day with both events and censorings, events come first: the censored are
 *   still at risk on that day (the usual convention; Klein JP, Moeschberger ML. Survival
 *   Analysis, 2nd ed. Springer 2003, §4.2).
 * - Greenwood: Var[S(t)] = S(t)² · Σ_{tᵢ ≤ t} dᵢ / (nᵢ (nᵢ − dᵢ)) (ibid. eq. 4.2.2).
 * - 95 % CI, default `log-log` (the transform of Kalbfleisch & Prentice, The Statistical
 *   Analysis of Failure Time Data, 2nd ed. Wiley 2002, §1.3; Klein & Moeschberger eq. 4.3.2;
 *   R survival `survfit(conf.type = "log-log")`, https://www.rdocumentation.org/packages/survival/topics/survfit.formula):
 *   with σ² = Σ dᵢ/(nᵢ(nᵢ − dᵢ)) / (ln S)², CI = [S^exp(z·σ), S^exp(−z·σ)]; it stays inside
 *   (0, 1) by construction, unlike the `plain` S ± z·S·√Σ, which is clamped to [0, 1].
 *   Where S = 1 (no event yet) the interval is [1, 1]; where S = 0 it is [0, 0].
 */
export interface Observation {
  /** Days from the start (joining) to the event or censoring; ≥ 0. */
  readonly time: number;
  /** true = the event (dropped out); false = censored. */
  readonly event: boolean;
  /** How many episodes share this time and outcome (default 1): the query hands them over counted. */
  readonly count?: number;
}

export interface KaplanMeierPoint {
  readonly day: number;
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  readonly survival: number;
  readonly ci95: [number, number];
}

export type ConfidenceIntervalMethod = 'log-log' | 'plain';

/** Two-sided 95 % normal quantile. */
const Z95 = 1.959963984540054;

/**
 * One point per day with an event or a censoring, oldest first, plus a starting point at day
 * 0 (survival 1) when nothing happens on day 0, so a chart starts at (0, 1). None for no data.
 */
export function kaplanMeier(observations: readonly Observation[], method: ConfidenceIntervalMethod = 'log-log'): KaplanMeierPoint[] {
  if (observations.length === 0) return [];
  const byDay = new Map<number, { events: number; censored: number }>();
  let total = 0;
  for (const o of observations) {
    if (!Number.isFinite(o.time) || o.time < 0) throw new RangeError(`time must be a finite number ≥ 0, got ${o.time}`);
    const count = o.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
    const entry = byDay.get(o.time) ?? { events: 0, censored: 0 };
    entry[o.event ? 'events' : 'censored'] += count;
    byDay.set(o.time, entry);
    total += count;
  }
  const points: KaplanMeierPoint[] = [];
  if (!byDay.has(0)) points.push({ day: 0, atRisk: total, events: 0, censored: 0, survival: 1, ci95: [1, 1] });
  let atRisk = total;
  let survival = 1;
  let greenwood = 0;
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const { events, censored } = byDay.get(day)!;
    if (events > 0) {
      survival *= 1 - events / atRisk;
      greenwood = atRisk === events ? Infinity : greenwood + events / (atRisk * (atRisk - events));
    }
    points.push({ day, atRisk, events, censored, survival, ci95: interval(survival, greenwood, method) });
    atRisk -= events + censored;
  }
  return points;
}

function interval(survival: number, greenwood: number, method: ConfidenceIntervalMethod): [number, number] {
  if (survival <= 0) return [0, 0];
  if (survival >= 1) return [1, 1];
  if (method === 'plain') {
    const half = Z95 * survival * Math.sqrt(greenwood);
    return [Math.max(0, survival - half), Math.min(1, survival + half)];
  }
  const sigma = Math.sqrt(greenwood) / Math.abs(Math.log(survival));
  const lo = survival ** Math.exp(Z95 * sigma);
  const hi = survival ** Math.exp(-Z95 * sigma);
  return [Math.max(0, lo), Math.min(1, hi)];
}

/** First day the survival is ≤ 0.5; null when the curve never gets there. */
export function medianSurvivalDay(points: readonly KaplanMeierPoint[]): number | null {
  // 1e-12: a product such as (1 − 1/2) lands on 0.5 exactly, others a hair above it.
  return points.find((p) => p.survival <= 0.5 + 1e-12)?.day ?? null;
}
