import { classifyChange } from '#libs/instruments';
import type { AlertCandidate } from '../decision.js';
import { definitionOf, isSameScore, reliableChangeThreshold, scoresOf } from '../scores.js';
import type { AlertSettings } from '../settings.js';
import type { Episode, ScoredMeasure } from '../state.js';
import { num } from './format.js';

/**
 * reliable_deterioration, decided when a valid score arrives: it moved in the instrument's
 * worse direction by at least the reliable-change threshold from the episode's first valid
 * score (the baseline). Raised on ENTERING deterioration: when the score just before it (in
 * time order, baseline excluded) was already reliably deteriorated, the open alert stands
 * and nothing new is raised (product default against repeated alerts for one worsening).
 */
export function reliableDeterioration(episode: Episode, measure: ScoredMeasure, settings: AlertSettings): AlertCandidate[] {
  const rule = settings.reliableDeterioration;
  const definition = definitionOf(measure.instrument);
  const threshold = reliableChangeThreshold(measure.instrument, settings.reliableChange);
  if (!rule.enabled || !definition || threshold === null) return [];

  const scores = scoresOf(episode, measure.instrument);
  const index = scores.findIndex((score) => isSameScore(score, measure));
  const baseline = scores[0];
  if (index <= 0 || !baseline) return [];
  const deteriorated = (score: ScoredMeasure) =>
    classifyChange(definition, baseline.value, score.value, { reliableChange: threshold }).reliableDeterioration === true;
  if (!deteriorated(measure)) return [];
  const previous = scores[index - 1]!;
  if (index > 1 && deteriorated(previous)) return [];

  const units = definition.reliableChange.units === 'metric' ? 'metric points' : 'points';
  const change = Math.abs(measure.value - baseline.value);
  return [
    {
      key: `${episode.episodeId}:${measure.measureId}:reliable_deterioration`,
      alertType: 'reliable_deterioration',
      severity: rule.severity,
      measureId: measure.measureId,
      message:
        `${measure.instrument} reliably worse: ${num(baseline.value)} → ${num(measure.value)} since the first score of this ` +
        `episode (${num(change)} ${units}; reliable-change threshold ${num(threshold)}).`,
    },
  ];
}
