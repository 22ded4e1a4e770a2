import type { MeasureScore } from '#libs/events';
import { getInstrument, type InstrumentDefinition } from '#libs/instruments';
import type { Episode, ScoredMeasure } from './state.js';

/**
 * The number the instrument's reliable-change threshold is expressed in: the metric score
 * for SWEMWBS, the total otherwise (libs/instruments classifyChange). Null when the score
 * is invalid or has no such number: such a measure counts for nothing.
 */
export function reportedValue(definition: InstrumentDefinition | undefined, score: MeasureScore): number | null {
  if (!score.valid) return null;
  const value = definition?.reliableChange.units === 'metric' ? score.metric : score.total;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const definitions = new Map<string, InstrumentDefinition | undefined>();

/** The definition of that version, else the latest; remembered (the registry is fixed; the lookup was 8 % of a replay). */
export function definitionOf(instrument: string, version?: number): InstrumentDefinition | undefined {
  const key = `${instrument}@${version ?? ''}`;
  if (definitions.has(key)) return definitions.get(key);
  const definition = getInstrument(instrument, version) ?? getInstrument(instrument);
  if (definitions.size < 10_000) definitions.set(key, definition);
  return definition;
}

/** Threshold from the settings when configured, else from the definition; null when neither has one. */
export function reliableChangeThreshold(instrument: string, overrides: Readonly<Record<string, number>>): number | null {
  return overrides[instrument] ?? definitionOf(instrument)?.reliableChange.threshold ?? null;
}

/** Scores of one instrument in the episode, in time order (administered date, then log order). */
export function scoresOf(episode: Episode, instrument: string): ScoredMeasure[] {
  return episode.measures
    .ofInstrument(instrument)
    .sort((a, b) => a.administeredOn.localeCompare(b.administeredOn) || a.position - b.position);
}

/** The first valid score of the instrument in the episode (the baseline), if any. */
export function baselineOf(episode: Episode, instrument: string): ScoredMeasure | undefined {
  return scoresOf(episode, instrument)[0];
}

/**
 * Whether `a` and `b` are the same score. By log position first: a score's id is packed
 * (MeasureLog) and decoding it for every score of an episode on every new measure was ~13 % of
 * the alerts reactor under load (docs/benchmarks.md, durable HTTP writes, ninth pass); the id is
 * compared only when the positions agree.
 */
export function isSameScore(a: ScoredMeasure, b: ScoredMeasure): boolean {
  return a === b || (a.position === b.position && a.measureId === b.measureId);
}

/** The score just before `measure` in time order, if any. */
export function previousOf(episode: Episode, measure: ScoredMeasure): ScoredMeasure | undefined {
  const scores = scoresOf(episode, measure.instrument);
  const index = scores.findIndex((score) => isSameScore(score, measure));
  return index > 0 ? scores[index - 1] : undefined;
}
