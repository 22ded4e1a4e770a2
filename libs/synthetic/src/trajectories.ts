import type { InstrumentDefinition } from '#libs/instruments';
import { totalRange } from './items.js';
import { clamp, type Random } from './prng.js';

export type TrajectoryKind = 'improving' | 'plateau' | 'worsening';

/**
 * Where a participant's symptom course heads. `effect` is the share of the distance from
 * baseline to the healthy end (improving, positive) or to the unhealthy end (worsening,
 * negative) covered once the course has settled; `pace` is how many weeks that takes (e-folding).
 * The mix (most improve, about a quarter stay flat, about one in eight get worse) is made up for
 * synthetic data so every analysis has all three kinds to show; it is not a clinical figure.
 */
export interface Trajectory {
  readonly kind: TrajectoryKind;
  readonly effect: number;
  readonly paceWeeks: number;
}

export function drawTrajectory(random: Random): Trajectory {
  const kind = random.weighted<TrajectoryKind>([
    ['improving', 60],
    ['plateau', 28],
    ['worsening', 12],
  ]);
  const effect = kind === 'improving' ? random.between(0.45, 0.9) : kind === 'worsening' ? -random.between(0.25, 0.55) : random.between(-0.08, 0.08);
  return { kind, effect, paceWeeks: random.between(2, 5) };
}

/**
 * Typical intake levels per instrument in a clinical group program (mean, SD of the total), chosen
 * so most intakes sit on the clinical side of the cutoffs of OUTCOMES.md; synthetic, not norms.
 */
const INTAKE: Record<string, { mean: number; sd: number; floor: number }> = {
  'PHQ-9': { mean: 15, sd: 4.5, floor: 5 },
  'GAD-7': { mean: 12, sd: 4, floor: 3 },
  'CORE-10': { mean: 19, sd: 6, floor: 6 },
  'BARC-10': { mean: 37, sd: 7, floor: 10 },
  SWEMWBS: { mean: 19, sd: 4, floor: 7 },
  WEMWBS: { mean: 38, sd: 7, floor: 14 },
  ORS: { mean: 19, sd: 6, floor: 0 },
};

export function drawBaseline(random: Random, definition: InstrumentDefinition): number {
  const intake = INTAKE[definition.id];
  const range = totalRange(definition);
  if (!intake) return (range.min + range.max) / 2;
  return clamp(random.normal(intake.mean, intake.sd), Math.max(intake.floor, range.min), range.max);
}

/** The total at `weeks` since joining: baseline moved along the trajectory, plus measurement noise. */
export function totalAt(random: Random, definition: InstrumentDefinition, baseline: number, trajectory: Trajectory, weeks: number): number {
  const range = totalRange(definition);
  const healthy = definition.direction === 'lower-is-better' ? range.min : range.max;
  const unhealthy = definition.direction === 'lower-is-better' ? range.max : range.min;
  const settled = 1 - Math.exp(-weeks / trajectory.paceWeeks);
  const target = trajectory.effect >= 0 ? healthy : unhealthy;
  const expected = baseline + (target - baseline) * Math.abs(trajectory.effect) * settled;
  // Noise of about 6 % of the range (test-retest wobble of a self-report questionnaire).
  const noisy = weeks === 0 ? expected : expected + random.normal(0, (range.max - range.min) * 0.06);
  const step = range.step;
  return clamp(Math.round(noisy / step) * step, range.min, range.max);
}
