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

/** The last scoresOf answer: the rules of one event ask for the same episode's instrument two or three times. */
let lastScores: { readonly log: Episode['measures']; readonly instrument: string; readonly version: number; readonly scores: readonly ScoredMeasure[] } | null = null;

/**
 * Scores of one instrument in the episode, in time order (administered date, then log order).
 * ISO dates order as strings (no localeCompare). The answer for the last episode and instrument
 * is kept until its log changes (MeasureLog.version): each new measure asked for it up to three
 * times, and this was the largest part of the alerts reactor under load (docs/benchmarks.md,
 * durable HTTP writes, ninth pass).
 */
export function scoresOf(episode: Episode, instrument: string): readonly ScoredMeasure[] {
  const log = episode.measures;
  if (lastScores && lastScores.log === log && lastScores.instrument === instrument && lastScores.version === log.version) return lastScores.scores;
  const scores = log.ofInstrument(instrument).sort((a, b) => (a.administeredOn < b.administeredOn ? -1 : a.administeredOn > b.administeredOn ? 1 : a.position - b.position));
  lastScores = { log, instrument, version: log.version, scores };
  return scores;
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
