import type { AnalyticsStore } from '#libs/analytics-store';
import type { ExportSource } from '#libs/exports';

/**
 * The analytics tables of one program, as an export reads them (libs/projector README "How to
 * read them"): FINAL, scoped by organization and program, erased participants excluded, voided
 * measures out, each measure with its latest scoring (highest instrument version; argMax over
 * a tuple, because argMax skips NULLs). Ids stay in the api: the export lib replaces them.
 */
const scope = 'org = {org:String} AND program_id = {programId:String}';
const notErased = 'participant_id NOT IN (SELECT participant_id FROM participant_erasures FINAL WHERE org = {org:String})';

const SQL = {
  participants: `SELECT participant_id AS participantId, age_band AS ageBand, gender, toString(registered_on) AS registeredOn FROM participants FINAL WHERE ${scope} AND ${notErased}`,
  consents: `SELECT participant_id AS participantId, scope, status, toString(version) AS version FROM consents FINAL WHERE ${scope} AND ${notErased}`,
  memberships: `SELECT participant_id AS participantId, group_id AS groupId, toString(joined_on) AS joinedOn, if(left_on IS NULL, NULL, toString(left_on)) AS leftOn, leave_reason AS leaveReason FROM memberships FINAL WHERE ${scope} AND ${notErased}`,
  sessions: `SELECT group_id AS groupId, session_id AS sessionId, toString(session_date) AS date, duration_minutes AS durationMinutes FROM sessions FINAL WHERE ${scope}`,
  attendance: `SELECT participant_id AS participantId, group_id AS groupId, session_id AS sessionId, toString(session_date) AS date, status FROM attendance FINAL WHERE ${scope} AND ${notErased}`,
  measures: `
SELECT m.participant_id AS participantId, m.measure_id AS measureId, m.instrument AS instrument, s.latest.1 AS instrumentVersion, m.group_id AS groupId,
       toString(m.administered_on) AS administeredOn, s.latest.2 AS total, s.latest.3 AS metric, s.latest.4 AS band, s.latest.5 AS caseness, s.latest.6 AS valid
FROM (SELECT participant_id, measure_id, instrument, group_id, administered_on FROM measures FINAL WHERE ${scope} AND ${notErased}) AS m
INNER JOIN (
  SELECT measure_id, argMax(tuple(instrument_version, total, metric, band, caseness, valid), instrument_version) AS latest
  FROM measure_scores FINAL WHERE ${scope} GROUP BY measure_id
) AS s ON s.measure_id = m.measure_id
WHERE m.measure_id NOT IN (SELECT measure_id FROM measure_voids FINAL WHERE ${scope})`,
  milestones: `SELECT participant_id AS participantId, milestone_type AS milestoneType, toString(achieved_on) AS achievedOn, value FROM milestones FINAL WHERE ${scope} AND ${notErased}`,
};

interface MeasureRow {
  participantId: string;
  measureId: string;
  instrument: string;
  instrumentVersion: number;
  groupId: string | null;
  administeredOn: string;
  total: number | null;
  metric: number | null;
  band: string | null;
  caseness: number | null;
  valid: number;
}

export async function loadExportSource(store: AnalyticsStore, org: string, program: { programId: string; part2: boolean }): Promise<ExportSource> {
  const params = { org, programId: program.programId };
  const [participants, consents, memberships, sessions, attendance, measures, milestones] = await Promise.all([
    store.query<ExportSource['participants'][number]>(SQL.participants, params),
    store.query<ExportSource['consents'][number]>(SQL.consents, params),
    store.query<ExportSource['memberships'][number]>(SQL.memberships, params),
    store.query<ExportSource['sessions'][number]>(SQL.sessions, params),
    store.query<ExportSource['attendance'][number]>(SQL.attendance, params),
    store.query<MeasureRow>(SQL.measures, params),
    store.query<ExportSource['milestones'][number]>(SQL.milestones, params),
  ]);
  return {
    programId: program.programId,
    part2: program.part2,
    participants,
    consents,
    memberships,
    sessions,
    attendance,
    measures: measures.map((m) => ({ ...m, instrumentVersion: Number(m.instrumentVersion), caseness: m.caseness === null ? null : m.caseness === 1, valid: m.valid === 1 })),
    milestones,
  };
}
