/**
 * libs/analytics — the read queries behind the analytics endpoints (API.md "Read side").
 * Each query is one module: a zod params schema, row types, SQL constants with typed
 * parameters, and `runX(store, params)` returning the API shape without `asOf`.
 */

// Group cohesion per session, and the group's member table (OUTCOMES.md "Group cohesion").
export {
  runGroupCohesion,
  groupCohesionParams,
  cohesionSessions,
  type GroupCohesionParams,
  type GroupCohesion,
  type CohesionSession,
} from './cohesion/group-cohesion.query.js';
export { DEFAULT_FLAG_SETTINGS, sessionFlags, type FlagSettings, type FlagType, type SessionFlag } from './cohesion/session-flags.js';
export type { Summary as ScoreSummary } from './cohesion/stats.js';
export type { SessionAttendance } from './cohesion/session-attendance.js';
export {
  runGroupMembers,
  groupMembersParams,
  type GroupMembersParams,
  type GroupMembers,
  type GroupMember,
  type LatestScore,
} from './cohesion/group-members.query.js';
export type { MonthMovement } from './cohesion/member-summary.js';
// Attendance over a program's sessions (the director's KPI).
export {
  runProgramAttendance,
  programAttendanceParams,
  type ProgramAttendanceParams,
  type ProgramAttendance,
} from './attendance/program-attendance.query.js';
// Retention (OUTCOMES.md "Retention").
export { runRetention, retentionParams, type RetentionParams, type Retention } from './retention/retention.query.js';
export { kaplanMeier, medianSurvivalDay, type KaplanMeierPoint, type Observation, type ConfidenceIntervalMethod } from './retention/kaplan-meier.js';
// Trends by week or month.
export { runTrends, trendsParams, type TrendsParams, type Trends } from './trends/trends.query.js';
export type { Bucket, BucketValues } from './trends/buckets.js';
// Participant timeline.
export {
  runParticipantTimeline,
  participantTimelineParams,
  type ParticipantTimelineParams,
  type ParticipantTimeline,
  type TimelineMeasure,
  type TimelineScore,
  type TimelineAttendance,
  type TimelineMilestone,
} from './timeline/participant-timeline.query.js';
export { instrumentLines, type InstrumentLines } from './timeline/instrument-lines.js';
// Alert list.
export { runAlerts, alertsParams, type AlertsParams, type Alerts, type AlertItem } from './alerts/alerts.query.js';
// Program outcomes per instrument: threshold or Jacobson–Truax, effect size, ICC, by group and therapist.
export {
  runOutcomes,
  readOutcomeEpisodes,
  outcomesParams,
  jacobsonTruaxParamsSchema,
  jacobsonTruaxParamsFor,
  OUTCOME_EPISODES_SQL,
  summarizeThreshold,
  summarizeJacobsonTruax,
  prePostEffectSize,
  prePostDVariance,
  iccOfChange,
  type OutcomesParams,
  type OutcomeGroupRow,
  type OutcomeEpisodeTuple,
  type OutcomeEpisodeSqlParams,
  type OutcomeEpisode,
  type OutcomesResult,
  type ThresholdOutcomes,
  type JacobsonTruaxOutcomes,
  type JacobsonTruaxUsed,
  type OutcomeMethod,
  type EffectSize,
  type ThresholdSummary,
  type JacobsonTruaxSummary,
  type GroupBreakdown,
  type TherapistBreakdown,
  type IccResult,
} from './outcomes/index.js';
