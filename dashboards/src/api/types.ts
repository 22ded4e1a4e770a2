/**
 * Response shapes of the read side, as ../shared/design/API.md specifies them. The dashboard
 * only reads fields named there; anything else is optional so a newer api does not break it.
 */
export type Role = 'director' | 'therapist' | 'researcher' | 'admin';

export interface List<T> {
  items: T[];
}

/** A list cut to a page: `total` counts every match (GET /alerts with `limit`). */
export interface Page<T> extends List<T> {
  total?: number;
}

export interface Program {
  programId: string;
  name: string;
  timeZone?: string;
  plannedWeeks?: number | null;
}

export interface Group {
  groupId: string;
  programId: string;
  name: string;
  facilitatorIds: string[];
  /** The facilitators with the names they are shown by (null: not named yet, or the caller is a researcher). */
  facilitators?: StaffMember[];
  startsOn: string;
  closedOn: string | null;
  /** null for a researcher when the group is a small cell (PRIVACY.md). */
  activeMembers: number | null;
  sessions: number;
}

/** A staff member (a token `sub`) and the name they are shown by (GET /staff, PUT /staff/{userId}). */
export interface StaffMember {
  userId: string;
  name: string | null;
}

export interface Membership {
  groupId: string;
  joinedOn: string;
  leftOn: string | null;
  reason: string | null;
}

export interface Participant {
  participantId: string;
  programId: string;
  displayName: string | null;
  memberships: Membership[];
}

export interface Cutoff {
  op: '>=' | '<=' | '<' | '>';
  value: number;
}

export interface Instrument {
  id: string;
  version: number;
  title?: string;
  direction: 'lower-is-better' | 'higher-is-better';
  caseness: Cutoff | null;
  reliableChange: { threshold: number | null; units: 'total' | 'metric' };
  bands: { min: number; max: number; label: string }[];
  scoring?: { kind: string };
}

export interface Stat {
  mean: number | null;
  sd: number | null;
  n: number;
}

export interface CohesionSession {
  sessionId: string;
  date: string;
  enrolled: number;
  present: number;
  late: number;
  absent: number;
  excused: number;
  unrecorded: number;
  attendanceRate: number | null;
  gsrs: Stat;
  gcqs: { engagement: Stat; avoidance: Stat; conflict: Stat };
  flags: { type: string; participantId?: string }[];
}

export interface Cohesion {
  groupId: string;
  asOf: string;
  sessions: CohesionSession[];
}

/** GET /programs/{id}/attendance; a researcher gets null for small counts. */
export interface ProgramAttendance {
  programId: string;
  asOf: string;
  sessions: number;
  enrolled: number | null;
  present: number | null;
  late: number | null;
  absent: number | null;
  excused: number | null;
  unrecorded: number | null;
  attendanceRate: number | null;
}

export type OutcomeRateKey = 'reliableImprovement' | 'reliableDeterioration' | 'noReliableChange' | 'recovery' | 'reliableRecovery' | 'response' | 'remission';

export interface OutcomeCounts {
  n: number;
  finished?: number;
  ongoing?: number;
  nCaseAtBaseline?: number;
  meanChange?: number | null;
  rates?: Partial<Record<OutcomeRateKey, number | null>>;
  [count: string]: unknown;
}

export interface OutcomeSlice extends OutcomeCounts {
  groupId?: string;
  therapistId?: string;
  name?: string;
  /** null when the therapist has no name yet (or the caller is a researcher). */
  therapistName?: string | null;
}

export interface Outcomes extends OutcomeCounts {
  instrument: string;
  method: string;
  asOf: string;
  effectSize?: { type: string; d: number | null; ci95: [number, number] | null } | null;
  icc?: number | null;
  designEffect?: number | null;
  iccAbsentReason?: string;
  byGroup?: OutcomeSlice[];
  byTherapist?: OutcomeSlice[];
  /** How many groups and therapists there are in all (byGroup/byTherapist are a page when breakdownLimit is given). */
  byGroupTotal?: number;
  byTherapistTotal?: number;
}

export interface RetentionPoint {
  day: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  ci95: [number, number];
}

export interface Retention {
  asOf: string;
  points: RetentionPoint[];
  medianDays: number | null;
}

export interface TrendBucket {
  bucket: string;
  mean: number | null;
  n: number;
  milestones: number;
}

export interface Trends {
  asOf: string;
  items: TrendBucket[];
}

export interface Score {
  total: number | null;
  subscales?: Record<string, number>;
  band?: string | null;
  caseness?: boolean | null;
  metric?: number | null;
  valid: boolean;
}

export interface TimelineMeasure {
  measureId: string;
  instrument: string;
  administeredOn: string;
  score: Score;
  voided: boolean;
}

export interface Milestone {
  milestoneId: string;
  type: string;
  label?: string | null;
  achievedOn: string;
}

export interface Alert {
  alertId: string;
  type: string;
  severity: 'high' | 'medium' | 'low' | string;
  participantId: string;
  groupId: string | null;
  raisedAt: string;
  message: string;
  status: 'open' | 'acknowledged' | string;
}

/** The lines a timeline chart draws for one instrument (caseness cutoff, reliable-change threshold). */
export interface InstrumentLines {
  id: string;
  caseness: Cutoff | null;
  reliableChange: { threshold: number | null; units: 'total' | 'metric' };
  direction: 'lower-is-better' | 'higher-is-better';
}

export interface Timeline {
  participantId: string;
  asOf: string;
  measures: TimelineMeasure[];
  attendance: { sessionId: string; date: string; status: string }[];
  milestones: Milestone[];
  alerts: Alert[];
  /** Served beside API.md's fields; the panel falls back to GET /instruments without it. */
  instruments?: InstrumentLines[];
}

export interface GroupMember {
  participantId: string;
  displayName: string | null;
  joinedOn: string;
  leftOn: string | null;
  reason: string | null;
  dose: number;
  consecutiveMissed: number;
  latest: { instrument: string; administeredOn: string; total: number | null; metric?: number; band?: string; caseness?: boolean }[];
}

/** GET /groups/{groupId}/members: one row per membership episode. */
export interface GroupMembers {
  groupId: string;
  asOf: string;
  members: GroupMember[];
  medianTenureDays: number | null;
}
