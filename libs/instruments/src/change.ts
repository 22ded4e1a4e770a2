import { meetsCutoff, type InstrumentDefinition } from './definition.js';

export interface ChangeOptions {
  /** Overrides the definition's threshold; required for a reliable verdict on BARC-10, GSRS, GCQ-S. */
  readonly reliableChange?: number;
}

/**
 * Threshold-method verdicts for one participant (OUTCOMES.md "Change and recovery").
 * A field is null when the instrument has no rule for it (no caseness cutoff, no
 * reliable-change threshold, no response or remission rule).
 */
export interface ChangeClassification {
  /** latest − baseline in the instrument's units, rounded to 2 decimals (negative = fell). */
  readonly change: number;
  readonly reliableChangeThreshold: number | null;
  readonly reliableImprovement: boolean | null;
  readonly reliableDeterioration: boolean | null;
  readonly caseAtBaseline: boolean | null;
  readonly caseAtEnd: boolean | null;
  /** Case at baseline and not at the end; false for non-cases (they leave the denominator). */
  readonly recovery: boolean | null;
  readonly reliableRecovery: boolean | null;
  /** Score fell by ≥ the rule's fraction of baseline (lower-is-better instruments only). */
  readonly response: boolean | null;
  readonly remission: boolean | null;
}

/**
 * `baseline` and `latest` are the instrument's reported scores — for SWEMWBS the METRIC
 * scores (`score.metric`), since its reliable-change threshold is in metric points.
 * "Improvement" is change in the instrument's better direction.
 */
export function classifyChange(
  definition: InstrumentDefinition,
  baseline: number,
  latest: number,
  options: ChangeOptions = {},
): ChangeClassification {
  const change = round2(latest - baseline);
  const improvement = definition.direction === 'lower-is-better' ? -change : change;
  const threshold = options.reliableChange ?? definition.reliableChange.threshold;
  const reliableImprovement = threshold === null ? null : improvement >= threshold;
  const reliableDeterioration = threshold === null ? null : -improvement >= threshold;

  const cutoff = definition.caseness;
  const caseAtBaseline = cutoff === null ? null : meetsCutoff(baseline, cutoff);
  const caseAtEnd = cutoff === null ? null : meetsCutoff(latest, cutoff);
  const recovery = caseAtBaseline === null ? null : caseAtBaseline && !caseAtEnd;
  const reliableRecovery = recovery === null || reliableImprovement === null ? null : recovery && reliableImprovement;

  return {
    change,
    reliableChangeThreshold: threshold,
    reliableImprovement,
    reliableDeterioration,
    caseAtBaseline,
    caseAtEnd,
    recovery,
    reliableRecovery,
    response: responseOf(definition, baseline, latest),
    remission: definition.remission === undefined ? null : meetsCutoff(latest, definition.remission),
  };
}

function responseOf(definition: InstrumentDefinition, baseline: number, latest: number): boolean | null {
  const rule = definition.response;
  if (rule === undefined || definition.direction !== 'lower-is-better') return null;
  // A baseline of 0 cannot fall by half of itself in any meaningful sense.
  if (baseline <= 0) return false;
  return round2(baseline - latest) >= round2(rule.minDropFraction * baseline);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
