import { classifyChange } from '#libs/instruments';
import type { AlertCandidate } from '../decision.js';
import { definitionOf, reliableChangeThreshold, scoresOf } from '../scores.js';
import type { AlertSettings } from '../settings.js';
import type { Episode, ProgramInfo } from '../state.js';
import { num } from './format.js';

/**
 * The program's primary instrument: the first of its schedule with a reliable-change
 * threshold (from the definition or the settings). Undefined when none has one.
 */
export function primaryInstrument(program: ProgramInfo, settings: AlertSettings): string | undefined {
  return program.schedule.find((item) => reliableChangeThreshold(item.instrument, settings.reliableChange) !== null)?.instrument;
}

/**
 * not_improving, once per episode: after ≥ N attended sessions (present or late, default 6),
 * the episode has a baseline and at least one later valid score of the primary instrument,
 * and none of the later scores shows reliable improvement from the baseline. Without a
 * follow-up score nothing is claimed (measure_overdue speaks to missing scores).
 * Evaluated on attendance and on scores of the primary instrument.
 */
export function notImproving(episode: Episode, program: ProgramInfo, settings: AlertSettings): AlertCandidate[] {
  const rule = settings.notImproving;
  const instrument = primaryInstrument(program, settings);
  if (!rule.enabled || instrument === undefined) return [];
  const definition = definitionOf(instrument);
  const threshold = reliableChangeThreshold(instrument, settings.reliableChange);
  if (!definition || threshold === null) return [];

  const attended = [...episode.attendance.values()].filter((session) => session.attended).length;
  if (attended < rule.afterAttendedSessions) return [];
  const [baseline, ...later] = scoresOf(episode, instrument);
  const latest = later.at(-1);
  if (!baseline || !latest) return [];
  const improved = later.some(
    (score) => classifyChange(definition, baseline.value, score.value, { reliableChange: threshold }).reliableImprovement === true,
  );
  if (improved) return [];

  return [
    {
      key: `${episode.episodeId}:not_improving`,
      alertType: 'not_improving',
      severity: rule.severity,
      measureId: latest.measureId,
      message:
        `No reliable improvement on ${instrument} after ${attended} attended sessions ` +
        `(first ${num(baseline.value)}, latest ${num(latest.value)}; reliable-change threshold ${num(threshold)}).`,
    },
  ];
}
