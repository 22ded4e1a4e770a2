import type { MeasureScore } from '#libs/events';
import { meetsCutoff, type Band, type InstrumentDefinition, type MetricTable } from './definition.js';

/**
 * The `score` of a measure (API.md, POST /participants/{id}/measures): the same shape the
 * MeasureRecorded event stores (total: sum, prorated CORE-10 or SWEMWBS raw sum, null for GCQ-S
 * or when invalid; metric: SWEMWBS; subscales: GCQ-S means; band; caseness; valid).
 */
export type Score = MeasureScore;

/**
 * Scores items already checked with validateResponse (same length, values in range).
 * `null` is a missing item. Throws when the item count is wrong: that is a caller bug.
 */
export function scoreResponse(definition: InstrumentDefinition, items: readonly (number | null)[]): Score {
  if (items.length !== definition.items.length) {
    throw new RangeError(`${definition.id} needs ${definition.items.length} items, got ${items.length}`);
  }
  const { scoring } = definition;
  if (scoring.kind === 'subscale-means') return scoreSubscales(definition, scoring.subscales, scoring.decimals, items);

  const total = totalOf(definition, items);
  if (total === null) return { total: null, valid: false };
  const band = bandOf(definition.bands, total);
  return {
    total,
    ...(scoring.kind === 'sum-then-metric' ? { metric: metricOf(scoring.table, total) } : {}),
    ...(band !== undefined ? { band } : {}),
    ...(definition.caseness !== null ? { caseness: meetsCutoff(total, definition.caseness) } : {}),
    valid: true,
  };
}

function totalOf(definition: InstrumentDefinition, items: readonly (number | null)[]): number | null {
  const answered = items.filter((value): value is number => value !== null);
  const missing = items.length - answered.length;
  // Sum in whole steps (tenths for visual-analog items) so 3.3 + 3.3 + 3.3 is 9.9, not 9.899….
  const perUnit = definition.items.some((item) => item.step === 0.1) ? 10 : 1;
  const sumInUnits = answered.reduce((sum, value) => sum + Math.round(value * perUnit), 0);
  if (missing === 0) return sumInUnits / perUnit;

  const rule = definition.missing;
  if (rule.kind !== 'prorate' || missing > rule.maxMissing) return null;
  // CORE-10: sum × 10/9 to one decimal, computed as round(sum·10·10 / 9) / 10 (integers until the end).
  const scale = 10 ** rule.decimals;
  return Math.round((sumInUnits * items.length * scale) / (answered.length * perUnit)) / scale;
}

/** The last band whose `min` ≤ total (see Band); undefined below the first band or above the last. */
export function bandOf(bands: readonly Band[], total: number): string | undefined {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  const candidates = sorted.filter((band) => band.min <= total);
  const band = candidates.at(-1);
  if (band === undefined) return undefined;
  if (band === sorted.at(-1) && total > band.max) return undefined;
  return band.label;
}

export function metricOf(table: MetricTable, rawTotal: number): number {
  const value = table.values[rawTotal - table.rawMin];
  if (value === undefined) throw new RangeError(`raw total ${rawTotal} is outside table ${table.version}`);
  return value;
}

function scoreSubscales(
  definition: InstrumentDefinition,
  subscales: Readonly<Record<string, readonly number[]>>,
  decimals: number,
  items: readonly (number | null)[],
): Score {
  const missing = items.filter((value) => value === null).length;
  const limit = definition.missing.kind === 'none-allowed' ? 0 : definition.missing.maxMissing;
  const valid = missing <= limit;
  const scale = 10 ** decimals;
  const means: Record<string, number | null> = {};
  for (const [name, itemNumbers] of Object.entries(subscales)) {
    const answered = itemNumbers.map((n) => items[n - 1]).filter((v): v is number => v !== null && v !== undefined);
    means[name] =
      valid && answered.length > 0
        ? Math.round((answered.reduce((a, b) => a + b, 0) * scale) / answered.length) / scale
        : null;
  }
  return { total: null, subscales: means, valid };
}
