import { meetsCutoff } from '#libs/instruments';
import type { AlertCandidate } from '../decision.js';
import { definitionOf, previousOf } from '../scores.js';
import type { AlertSettings } from '../settings.js';
import type { Episode, ScoredMeasure } from '../state.js';
import { num, round2 } from './format.js';

/**
 * alliance_drop, decided when a valid GSRS score arrives (OUTCOMES.md "Group cohesion":
 * "alliance drop when a member's GSRS falls from their previous session"). Product rule:
 * raise when EITHER
 *  (a) it fell by ≥ `minDropPoints` (default 1) from the member's previous valid GSRS of
 *      this episode — a floor so that 0.1-point wobbles of a visual-analog mark stay quiet; OR
 *  (b) it entered the alert zone (definition alertCutoff: total < 36, SRS convention cited in
 *      libs/instruments) — first score of the episode below it, or previous one not below it.
 * At most one alert per score; the message says which condition(s) held.
 */
export function allianceDrop(episode: Episode, measure: ScoredMeasure, settings: AlertSettings): AlertCandidate[] {
  const rule = settings.allianceDrop;
  if (!rule.enabled || measure.instrument !== rule.instrument) return [];
  const cutoff = rule.alertCutoff ?? definitionOf(rule.instrument)?.alertCutoff ?? null;
  const previous = previousOf(episode, measure);

  const fall = previous ? round2(previous.value - measure.value) : 0;
  const dropped = previous !== undefined && fall >= rule.minDropPoints;
  const inZone = (value: number) => cutoff !== null && meetsCutoff(value, cutoff);
  const enteredZone = inZone(measure.value) && !(previous && inZone(previous.value));
  if (!dropped && !enteredZone) return [];

  const reasons = [
    dropped ? `fell ${num(fall)} point${fall === 1 ? '' : 's'} from the previous session (${num(previous!.value)} → ${num(measure.value)})` : null,
    enteredZone ? `is ${num(measure.value)}, ${cutoff!.op} ${num(cutoff!.value)} (alert cutoff)` : null,
  ].filter((reason) => reason !== null);
  return [
    {
      key: `${episode.episodeId}:${measure.measureId}:alliance_drop`,
      alertType: 'alliance_drop',
      severity: rule.severity,
      measureId: measure.measureId,
      message: `${measure.instrument} ${reasons.join(' and ')}.`,
    },
  ];
}
