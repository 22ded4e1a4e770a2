/** Program outcomes (GET /programs/{programId}/outcomes): the query module and its pure statistics. */
export {
  runOutcomes,
  readOutcomeEpisodes,
  outcomesParams,
  jacobsonTruaxParamsSchema,
  jacobsonTruaxParamsFor,
  OUTCOME_EPISODES_SQL,
  type OutcomesParams,
  type OutcomeGroupRow,
  type OutcomeEpisodeTuple,
  type OutcomeEpisodeSqlParams,
} from './outcomes.query.js';
export type {
  OutcomesResult,
  ThresholdOutcomes,
  JacobsonTruaxOutcomes,
  JacobsonTruaxUsed,
  OutcomeMethod,
  EffectSize,
  ThresholdCounts,
  ThresholdRates,
  ThresholdSummary,
  JacobsonTruaxCounts,
  JacobsonTruaxRates,
  JacobsonTruaxSummary,
  SummaryBase,
  GroupBreakdown,
  TherapistBreakdown,
} from './outcomes.types.js';
export { summarizeThreshold, summarizeJacobsonTruax, type OutcomeEpisode } from './summarize.js';
export { prePostEffectSize, prePostDVariance, BECKER_1988 } from './effect-size.js';
export { iccOfChange, type IccResult, type IccAnova } from './icc.js';
