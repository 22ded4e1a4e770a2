import type { JacobsonTruaxParams } from './definition.js';

export type JacobsonTruaxCategory = 'recovered' | 'improved' | 'unchanged' | 'deteriorated';

export interface JacobsonTruaxResult {
  /** Reliable change index (post − pre)/S_diff; negative = the score fell. */
  readonly rci: number;
  /** |RCI| > 1.96. */
  readonly reliable: boolean;
  /** Clinical cutoff c between the clinical and functional populations. */
  readonly cutoff: number;
  readonly category: JacobsonTruaxCategory;
}

/** c = (SD_clin·M_func + SD_func·M_clin)/(SD_clin + SD_func) (Jacobson & Truax 1991, criterion c). */
export function clinicalCutoff(params: JacobsonTruaxParams): number {
  const { sdClinical, sdFunctional, meanClinical, meanFunctional } = params;
  return (sdClinical * meanFunctional + sdFunctional * meanClinical) / (sdClinical + sdFunctional);
}

/**
 * Jacobson–Truax classification (OUTCOMES.md): SE = SD_baseline·√(1 − r), S_diff = √2·SE,
 * RCI = (post − pre)/S_diff, reliable when |RCI| > 1.96. Recovered = reliable improvement
 * that moves from the clinical side of c (at or beyond it) to strictly the functional side;
 * improved = other reliable improvement; deteriorated = reliable change the other way.
 */
export function jacobsonTruax(params: JacobsonTruaxParams, pre: number, post: number): JacobsonTruaxResult {
  const standardError = params.sdBaseline * Math.sqrt(1 - params.r);
  const sDiff = Math.SQRT2 * standardError;
  const rci = (post - pre) / sDiff;
  const reliable = Math.abs(rci) > 1.96;
  const cutoff = clinicalCutoff(params);
  const lowerIsBetter = params.direction === 'lower-is-better';
  const improved = lowerIsBetter ? rci < 0 : rci > 0;
  const clinicalAtPre = lowerIsBetter ? pre >= cutoff : pre <= cutoff;
  const functionalAtPost = lowerIsBetter ? post < cutoff : post > cutoff;

  let category: JacobsonTruaxCategory = 'unchanged';
  if (reliable && improved) category = clinicalAtPre && functionalAtPost ? 'recovered' : 'improved';
  else if (reliable) category = 'deteriorated';
  return { rci, reliable, cutoff, category };
}
