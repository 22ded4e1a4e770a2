/**
 * Result shapes of GET /programs/{programId}/outcomes (API.md, read side), without `asOf`
 * (the HTTP layer adds it). A count or rate is `null` when the instrument has no rule for it
 * (SWEMWBS has no caseness cutoff, so no recovery; response and remission are defined for
 * PHQ-9-like instruments only), never a made-up 0.
 */
export type OutcomeMethod = 'threshold' | 'jacobson-truax';

export interface EffectSize {
  /** Always 'd (baseline SD)': mean(latest − baseline) / SD(baseline). */
  readonly type: 'd (baseline SD)';
  /** null when fewer than 2 episodes or the baseline SD is 0. Sign follows the score (negative = fell). */
  readonly d: number | null;
  readonly ci95: readonly [number, number] | null;
}

export interface ThresholdCounts {
  readonly nCaseAtBaseline: number | null;
  readonly reliableImprovement: number | null;
  readonly reliableDeterioration: number | null;
  readonly noReliableChange: number | null;
  readonly recovery: number | null;
  readonly reliableRecovery: number | null;
  readonly response: number | null;
  readonly remission: number | null;
}
export type ThresholdRates = { readonly [K in keyof ThresholdCounts]: number | null };

export interface JacobsonTruaxCounts {
  readonly recovered: number;
  readonly improved: number;
  readonly unchanged: number;
  readonly deteriorated: number;
}
export type JacobsonTruaxRates = { readonly [K in keyof JacobsonTruaxCounts]: number | null };

/** What every summary (program, group, therapist) carries besides its method's counts. */
export interface SummaryBase {
  readonly n: number;
  readonly finished: number;
  readonly ongoing: number;
  /** mean(latest − baseline) in the instrument's units (`units`); null when n = 0. */
  readonly meanChange: number | null;
  readonly effectSize: EffectSize;
}

export type ThresholdSummary = SummaryBase & ThresholdCounts & { readonly rates: ThresholdRates };
export type JacobsonTruaxSummary = SummaryBase & JacobsonTruaxCounts & { readonly rates: JacobsonTruaxRates };

export type GroupBreakdown<S> = S & { readonly groupId: string; readonly name: string };
export type TherapistBreakdown<S> = S & { readonly therapistId: string };

interface Clustering {
  /** ICC(1) of change scores with groups as clusters; absent with `iccAbsentReason`. */
  readonly icc?: number;
  readonly designEffect?: number;
  readonly iccAbsentReason?: string;
}

interface Common {
  readonly instrument: string;
  /** 'metric' for SWEMWBS (Rasch metric scores), 'total' otherwise: the units of scores and meanChange. */
  readonly units: 'total' | 'metric';
  /** How many groups and therapists the breakdowns hold in all (byGroup/byTherapist may be a page of them). */
  readonly byGroupTotal: number;
  readonly byTherapistTotal: number;
}

export type ThresholdOutcomes = Common &
  Clustering &
  ThresholdSummary & {
    readonly method: 'threshold';
    readonly byGroup: readonly GroupBreakdown<ThresholdSummary>[];
    readonly byTherapist: readonly TherapistBreakdown<ThresholdSummary>[];
  };

/** The Jacobson–Truax parameters used, with their citation (OUTCOMES.md: record which value was used). */
export interface JacobsonTruaxUsed {
  readonly r: number;
  readonly sdBaseline: number;
  readonly sDiff: number;
  readonly cutoff: number;
  readonly source: string;
}

export type JacobsonTruaxOutcomes = Common &
  Clustering &
  JacobsonTruaxSummary & {
    readonly method: 'jacobson-truax';
    readonly parameters: JacobsonTruaxUsed;
    readonly byGroup: readonly GroupBreakdown<JacobsonTruaxSummary>[];
    readonly byTherapist: readonly TherapistBreakdown<JacobsonTruaxSummary>[];
  };

export type OutcomesResult = ThresholdOutcomes | JacobsonTruaxOutcomes;
