/**
 * The dashboard's read endpoints, each with the query module the api runs for it, so the same
 * work can be timed over HTTP (the api) and directly against chDB (runX of #libs/analytics).
 */
import type { AnalyticsStore } from '#libs/analytics-store';
import { runAlerts, runGroupCohesion, runGroupMembers, runOutcomes, runParticipantTimeline, runProgramAttendance, runRetention, runTrends } from '#libs/analytics';
import { BENCH_TODAY } from './synthetic-store.js';

/** Ids to ask about: a group of each program (depression/anxiety with PHQ-9, addiction recovery with CORE-10) and one of its members. */
export interface BenchTargets {
  readonly org: string;
  readonly moodProgramId: string;
  readonly recoveryProgramId: string;
  readonly groupId: string;
  readonly participantId: string;
  /** The people of the alerts inbox's first page (the newest 100 open alerts): the names the dashboard asks for. */
  readonly inboxParticipantIds?: readonly string[];
}

export interface EndpointCase {
  readonly name: string;
  readonly path: (t: BenchTargets) => string;
  /** The same work straight against chDB; none where the api answers from memory only. */
  readonly direct?: (store: AnalyticsStore, t: BenchTargets) => Promise<unknown>;
}

// The api's `today` is the clock's date in the program's time zone; the data end the day before BENCH_TODAY.
const today = BENCH_TODAY;

export const ENDPOINTS: readonly EndpointCase[] = [
  { name: 'cohesion', path: (t) => `/api/v1/groups/${t.groupId}/cohesion`, direct: (s, t) => runGroupCohesion(s, { org: t.org, groupId: t.groupId }) },
  { name: 'members', path: (t) => `/api/v1/groups/${t.groupId}/members`, direct: (s, t) => runGroupMembers(s, { org: t.org, groupId: t.groupId, today }) },
  // As the dashboard asks (the comparison's first page of 25 groups and therapists; its KPIs ask for none), then every group and therapist.
  {
    name: 'outcomes threshold PHQ-9',
    path: (t) => `/api/v1/programs/${t.moodProgramId}/outcomes?instrument=PHQ-9&method=threshold&breakdownLimit=25`,
    direct: (s, t) => runOutcomes(s, { org: t.org, programId: t.moodProgramId, instrument: 'PHQ-9', method: 'threshold', breakdownLimit: 25 }),
  },
  {
    name: 'outcomes jacobson-truax CORE-10',
    path: (t) => `/api/v1/programs/${t.recoveryProgramId}/outcomes?instrument=CORE-10&method=jacobson-truax&breakdownLimit=25`,
    direct: (s, t) => runOutcomes(s, { org: t.org, programId: t.recoveryProgramId, instrument: 'CORE-10', method: 'jacobson-truax', breakdownLimit: 25 }),
  },
  {
    name: 'outcomes PHQ-9, every group',
    path: (t) => `/api/v1/programs/${t.moodProgramId}/outcomes?instrument=PHQ-9&method=threshold`,
    direct: (s, t) => runOutcomes(s, { org: t.org, programId: t.moodProgramId, instrument: 'PHQ-9', method: 'threshold' }),
  },
  // The director's attendance KPI: every session of the program.
  { name: 'attendance', path: (t) => `/api/v1/programs/${t.moodProgramId}/attendance`, direct: (s, t) => runProgramAttendance(s, { org: t.org, programId: t.moodProgramId }) },
  { name: 'retention', path: (t) => `/api/v1/programs/${t.moodProgramId}/retention`, direct: (s, t) => runRetention(s, { org: t.org, programId: t.moodProgramId, today }) },
  {
    name: 'trends PHQ-9 month',
    path: (t) => `/api/v1/programs/${t.moodProgramId}/trends?instrument=PHQ-9&bucket=month`,
    direct: (s, t) => runTrends(s, { org: t.org, programId: t.moodProgramId, instrument: 'PHQ-9', bucket: 'month' }),
  },
  { name: 'timeline', path: (t) => `/api/v1/participants/${t.participantId}/timeline`, direct: (s, t) => runParticipantTimeline(s, { org: t.org, participantId: t.participantId }) },
  // The api answers /alerts from its in-memory AlertBook, not chDB; the direct column is runAlerts over the alerts table.
  // The inbox's first page (the dashboard asks for 100 and reads `total`), and every alert (what it asked before).
  { name: 'alerts inbox page', path: () => `/api/v1/alerts?status=open&limit=100`, direct: (s, t) => runAlerts(s, { org: t.org, status: 'open', limit: 100 }) },
  { name: 'alerts all', path: () => `/api/v1/alerts`, direct: (s, t) => runAlerts(s, { org: t.org, limit: 10_000 }) },
  // What every page loads besides its panels, from the api's memory (no chDB query): the group list, and the
  // display names of the people shown (the inbox's first page: up to 100 ids).
  { name: 'groups', path: () => `/api/v1/groups` },
  { name: 'names of the inbox page', path: (t) => `/api/v1/participants?participantId=${(t.inboxParticipantIds ?? [t.participantId]).join(',')}` },
];

/** The targets, read from the projected tables. */
export async function findTargets(store: AnalyticsStore, org: string): Promise<BenchTargets> {
  const programs = await store.query<{ program_id: string; name: string }>('SELECT program_id, name FROM programs WHERE org = {org:String} ORDER BY name', { org });
  const mood = programs.find((p) => p.name.startsWith('Mood'))!;
  const recovery = programs.find((p) => p.name.startsWith('Recovery'))!;
  const [group] = await store.query<{ group_id: string }>('SELECT group_id FROM groups WHERE org = {org:String} AND program_id = {p:String} ORDER BY group_id LIMIT 1', { org, p: mood.program_id });
  const [member] = await store.query<{ participant_id: string }>(
    'SELECT participant_id FROM measures WHERE org = {org:String} AND group_id = {g:String} GROUP BY participant_id ORDER BY count() DESC, participant_id LIMIT 1',
    { org, g: group!.group_id },
  );
  const inbox = await runAlerts(store, { org, status: 'open', limit: 100 });
  const inboxParticipantIds = [...new Set(inbox.items.map((alert) => alert.participantId))];
  return { org, moodProgramId: mood.program_id, recoveryProgramId: recovery.program_id, groupId: group!.group_id, participantId: member!.participant_id, inboxParticipantIds };
}

/** p50/p95 by nearest rank. */
export function percentiles(samplesMs: readonly number[]): { p50: number; p95: number; n: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: round(at(0.5)), p95: round(at(0.95)), n: sorted.length };
}

export const round = (x: number) => Math.round(x * 10) / 10;
