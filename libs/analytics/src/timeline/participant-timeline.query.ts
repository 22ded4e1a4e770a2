import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import { runAlerts, type AlertItem } from '../alerts/alerts.query.js';
import { scopeShape } from '../cohesion/scope.js';
import { instrumentLines, type InstrumentLines } from './instrument-lines.js';

/** GET /participants/{id}/timeline (API.md). */
export const participantTimelineParams = z.object({ ...scopeShape, participantId: z.string().min(1) });
export type ParticipantTimelineParams = z.input<typeof participantTimelineParams>;

export interface TimelineMeasureRow {
  readonly measureId: string;
  readonly instrument: string;
  readonly instrumentVersion: number;
  readonly administeredOn: string;
  readonly groupId: string | null;
  readonly sessionId: string | null;
  readonly total: number | null;
  readonly metric: number | null;
  readonly subscales: Record<string, number | null>;
  readonly band: string | null;
  readonly caseness: number | null;
  readonly valid: number;
  readonly voided: number;
}

/**
 * Params: org, participantId. Every measure, voided and invalid included, scored by its latest
 * instrument version: `measures_current` (libs/projector migration 009), which the projector
 * keeps ordered by participant, so this reads a few small granules instead of the participant's
 * rows spread over every (program, instrument) range of measures (docs/benchmarks.md, 10 M events).
 * PREWHERE under FINAL (here and below): sorting-key columns only, so the merge sees just this
 * participant's rows, not the organization's (see LATEST_MEASURES_SQL in group-members.query.ts).
 */
export const TIMELINE_MEASURES_SQL = `
SELECT measure_id AS measureId, toString(instrument) AS instrument, instrument_version AS instrumentVersion,
       toString(administered_on) AS administeredOn, group_id AS groupId, session_id AS sessionId,
       total, metric, subscales, band, caseness, valid, voided
FROM measures_current FINAL
PREWHERE org = {org:String} AND participant_id = {participantId:String}
ORDER BY administered_on, recorded_at, measure_id`;

export interface TimelineAttendance {
  readonly sessionId: string;
  readonly groupId: string;
  readonly date: string;
  readonly status: 'present' | 'late' | 'absent' | 'excused';
}

/** Params: org, participantId. Recorded attendance as it stands after corrections. */
export const TIMELINE_ATTENDANCE_SQL = `
SELECT session_id AS sessionId, group_id AS groupId, toString(session_date) AS date, toString(status) AS status
FROM attendance FINAL
PREWHERE org = {org:String} AND participant_id = {participantId:String}
  -- Only the groups they joined (attendance is taken of members: group.decider), so the read
  -- stays in those groups' key ranges instead of every granule of the organization's attendance.
  AND group_id IN (SELECT group_id FROM memberships FINAL PREWHERE org = {org:String} AND participant_id = {participantId:String})
ORDER BY session_date, session_id`;

export interface TimelineMilestone {
  readonly milestoneId: string;
  readonly type: string;
  readonly achievedOn: string;
  readonly value: number | null;
}

/** Params: org, participantId. The label stays encrypted in the event store. */
export const TIMELINE_MILESTONES_SQL = `
SELECT milestone_id AS milestoneId, toString(milestone_type) AS type, toString(achieved_on) AS achievedOn, value
FROM milestones FINAL PREWHERE org = {org:String} AND participant_id = {participantId:String}
ORDER BY achieved_on, milestone_id`;

/** Params: org, participantId, groupIds. Whether the participant is or was a member of one of the groups. */
export const IN_GROUPS_SQL = `
SELECT toUInt8(count() > 0) AS inScope FROM memberships FINAL
WHERE org = {org:String} AND participant_id = {participantId:String} AND group_id IN {groupIds:Array(String)}`;

export interface TimelineScore {
  readonly total: number | null;
  readonly metric?: number;
  readonly subscales?: Record<string, number | null>;
  readonly band?: string;
  readonly caseness?: boolean;
  readonly valid: boolean;
}

export interface TimelineMeasure {
  readonly measureId: string;
  readonly instrument: string;
  readonly instrumentVersion: number;
  readonly administeredOn: string;
  readonly groupId: string | null;
  readonly sessionId: string | null;
  readonly score: TimelineScore;
  readonly voided: boolean;
}

/** API.md's timeline without `asOf`, plus the lines of each instrument measured. */
export interface ParticipantTimeline {
  readonly participantId: string;
  readonly measures: TimelineMeasure[];
  readonly attendance: TimelineAttendance[];
  readonly milestones: TimelineMilestone[];
  readonly alerts: AlertItem[];
  readonly instruments: InstrumentLines[];
}

/**
 * The participant's whole record, oldest first (alerts newest first). A therapist (groupIds)
 * gets null unless the participant is or was a member of one of their groups (the HTTP layer
 * answers 403); then the whole record, since therapists see their groups' members.
 * An unknown participant gives empty lists (existence is the directory's question, 404).
 */
export async function runParticipantTimeline(store: AnalyticsStore, input: ParticipantTimelineParams): Promise<ParticipantTimeline | null> {
  const params = participantTimelineParams.parse(input);
  const sql = { org: params.org, participantId: params.participantId };
  if (params.groupIds) {
    const [row] = await store.query<{ inScope: number }>(IN_GROUPS_SQL, { ...sql, groupIds: [...params.groupIds] });
    if (!row || row.inScope !== 1) return null;
  }
  const [measures, attendance, milestones, alerts] = await Promise.all([
    store.query<TimelineMeasureRow>(TIMELINE_MEASURES_SQL, sql),
    store.query<TimelineAttendance>(TIMELINE_ATTENDANCE_SQL, sql),
    store.query<TimelineMilestone>(TIMELINE_MILESTONES_SQL, sql),
    runAlerts(store, sql),
  ]);
  return {
    participantId: params.participantId,
    measures: measures.map(toTimelineMeasure),
    attendance,
    milestones,
    alerts: alerts.items,
    instruments: instrumentLines([...new Set(measures.map((m) => m.instrument))].sort()),
  };
}

function toTimelineMeasure(row: TimelineMeasureRow): TimelineMeasure {
  const score: TimelineScore = {
    total: row.total,
    ...(row.metric !== null ? { metric: row.metric } : {}),
    ...(Object.keys(row.subscales).length > 0 ? { subscales: row.subscales } : {}),
    ...(row.band !== null ? { band: row.band } : {}),
    ...(row.caseness !== null ? { caseness: row.caseness === 1 } : {}),
    valid: row.valid === 1,
  };
  return {
    measureId: row.measureId,
    instrument: row.instrument,
    instrumentVersion: row.instrumentVersion,
    administeredOn: row.administeredOn,
    groupId: row.groupId,
    sessionId: row.sessionId,
    score,
    voided: row.voided === 1,
  };
}
