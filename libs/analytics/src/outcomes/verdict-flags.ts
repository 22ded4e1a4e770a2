import { classifyChange, jacobsonTruax, type InstrumentDefinition, type JacobsonTruaxParams } from '#libs/instruments';

/**
 * Each episode's verdict as bits, so the episodes of a group can be counted per verdict in SQL
 * (ChangeStats.flagCounts): the verdict of each distinct (baseline, latest) pair is decided
 * here, by #libs/instruments, and handed to the query as a table.
 */
export const THRESHOLD_FLAGS = ['reliableImprovement', 'reliableDeterioration', 'noReliableChange', 'caseAtBaseline', 'recovery', 'reliableRecovery', 'response', 'remission'] as const;
export const JACOBSON_TRUAX_FLAGS = ['recovered', 'improved', 'unchanged', 'deteriorated'] as const;

const bits = (values: readonly boolean[]): number => values.reduce((flags, on, bit) => (on ? flags | (1 << bit) : flags), 0);

/** Threshold method (OUTCOMES.md "Change and recovery"): the bits of THRESHOLD_FLAGS; a rule the instrument lacks never sets its bit. */
export function thresholdFlags(definition: InstrumentDefinition, reliableChange?: number): (baseline: number, latest: number) => number {
  return (baseline, latest) => {
    const v = classifyChange(definition, baseline, latest, { reliableChange });
    return bits([
      v.reliableImprovement === true,
      v.reliableDeterioration === true,
      v.reliableImprovement === false && v.reliableDeterioration === false,
      v.caseAtBaseline === true,
      v.recovery === true,
      v.reliableRecovery === true,
      v.response === true,
      v.remission === true,
    ]);
  };
}

/** Jacobson–Truax: exactly one bit of JACOBSON_TRUAX_FLAGS. */
export function jacobsonTruaxFlags(params: JacobsonTruaxParams): (baseline: number, latest: number) => number {
  return (baseline, latest) => 1 << JACOBSON_TRUAX_FLAGS.indexOf(jacobsonTruax(params, baseline, latest).category);
}
