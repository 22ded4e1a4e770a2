/**
 * Table names of the analytics schema (migrations/*.sql). Read queries elsewhere use these
 * names unqualified (the store's connections default to its database).
 */
export const tables = {
  programs: 'programs',
  groups: 'groups',
  groupFacilitators: 'group_facilitators',
  groupClosures: 'group_closures',
  memberships: 'memberships',
  sessions: 'sessions',
  attendance: 'attendance',
  participants: 'participants',
  consents: 'consents',
  participantErasures: 'participant_erasures',
  measures: 'measures',
  measureScores: 'measure_scores',
  measureVoids: 'measure_voids',
  alerts: 'alerts',
  alertAcks: 'alert_acks',
  milestones: 'milestones',
  episodeScores: 'episode_scores',
  participantScores: 'participant_scores',
  measuresCurrent: 'measures_current',
  sessionAttendance: 'session_attendance',
  projectionPositions: 'projection_positions',
} as const;

export type TableName = (typeof tables)[keyof typeof tables];

/**
 * Every table holding rows about one participant (a `participant_id` column): erasure deletes
 * from all of them (PRIVACY.md). `participant_erasures` is left out on purpose: it is what
 * keeps later rows of an erased participant out. A test checks this list against the schema.
 */
export const participantTables: readonly TableName[] = [
  tables.memberships,
  tables.attendance,
  tables.participants,
  tables.consents,
  tables.measures,
  tables.measureScores,
  tables.measureVoids,
  tables.alerts,
  tables.alertAcks,
  tables.milestones,
  tables.episodeScores,
  tables.participantScores,
  tables.measuresCurrent,
];
