import type { RecordedEvent } from '#libs/events';
import { cohortAppends, type CohortOptions, generateCohort } from '#libs/synthetic';
import type { ExportSource, SourceAttendance, SourceMeasure, SourceMembership } from '../source.js';

type Data = Record<string, any>;

/**
 * What the analytics tables of one program hold after these events, folded in memory the way
 * the projector's tables read with FINAL do (a leave replaces its join, a correction replaces
 * a session's listed statuses, a void removes a measure, the highest rescoring wins, an
 * erasure removes the participant). The api's SQL loader must give the same (its int-spec).
 */
export function sourceFromEvents(events: readonly RecordedEvent[], programId: string): ExportSource {
  let part2 = false;
  const participants = new Map<string, Data>();
  const consents: ExportSource['consents'][number][] = [];
  const memberships = new Map<string, SourceMembership>();
  const sessions = new Map<string, ExportSource['sessions'][number]>();
  const attendance = new Map<string, SourceAttendance>();
  const measures = new Map<string, SourceMeasure>();
  const voided = new Set<string>();
  const milestones: ExportSource['milestones'][number][] = [];
  const erased = new Set<string>();
  for (const event of events) {
    const d = event.data as Data;
    if (d['programId'] !== programId) continue;
    switch (event.type) {
      case 'ProgramCreated':
        part2 = Boolean(d['part2']);
        break;
      case 'ParticipantRegistered':
        participants.set(d['participantId'], { participantId: d['participantId'], ageBand: d['ageBand'], gender: d['gender'], registeredOn: d['registeredOn'] });
        break;
      case 'ConsentRecorded':
        consents.push({ participantId: d['participantId'], scope: d['scope'], status: d['status'], version: event.position.toString() });
        break;
      case 'MemberJoined':
      case 'MemberLeft':
        memberships.set(`${d['groupId']}/${d['participantId']}/${d['joinedOn']}`, { participantId: d['participantId'], groupId: d['groupId'], joinedOn: d['joinedOn'], leftOn: d['leftOn'] ?? null, leaveReason: d['reason'] ?? null });
        break;
      case 'SessionScheduled':
        sessions.set(d['sessionId'], { groupId: d['groupId'], sessionId: d['sessionId'], date: d['date'], durationMinutes: d['durationMinutes'] ?? null });
        break;
      case 'AttendanceRecorded':
      case 'AttendanceCorrected':
        for (const r of d['records'] as Data[]) attendance.set(`${d['sessionId']}/${r['participantId']}`, { participantId: r['participantId'], groupId: d['groupId'], sessionId: d['sessionId'], date: d['date'], status: r['status'] });
        break;
      case 'MeasureRecorded':
      case 'MeasureRescored': {
        const seen = measures.get(d['measureId']);
        if (seen && seen.instrumentVersion > d['instrumentVersion']) break;
        const s = d['score'] as Data;
        measures.set(d['measureId'], {
          participantId: d['participantId'], measureId: d['measureId'], instrument: d['instrument'], instrumentVersion: d['instrumentVersion'],
          groupId: seen?.groupId ?? d['groupId'] ?? null, administeredOn: seen?.administeredOn ?? d['administeredOn'],
          total: s['total'] ?? null, metric: s['metric'] ?? null, band: s['band'] ?? null, caseness: s['caseness'] ?? null, valid: Boolean(s['valid']),
        });
        break;
      }
      case 'MeasureVoided':
        voided.add(d['measureId']);
        break;
      case 'MilestoneReached':
        milestones.push({ participantId: d['participantId'], milestoneType: d['milestoneType'], achievedOn: d['achievedOn'], value: d['value'] ?? null });
        break;
      case 'ParticipantErased':
        erased.add(d['participantId']);
        break;
    }
  }
  const kept = <T extends { participantId: string }>(rows: Iterable<T>) => [...rows].filter((r) => !erased.has(r.participantId));
  return {
    programId,
    part2,
    participants: kept(participants.values() as Iterable<any>),
    consents: kept(consents),
    memberships: kept(memberships.values()),
    sessions: [...sessions.values()],
    attendance: kept(attendance.values()),
    measures: kept([...measures.values()].filter((m) => !voided.has(m.measureId))),
    milestones: kept(milestones),
  };
}

/** A generated organization's events with global positions from 1, as a fresh store would assign them. */
export function generatedEvents(options: CohortOptions): RecordedEvent[] {
  let position = 0n;
  const revisions = new Map<string, number>();
  return [...cohortAppends(options)].flatMap((append) =>
    append.events.map((event) => {
      const revision = (revisions.get(append.stream) ?? -1) + 1;
      revisions.set(append.stream, revision);
      return { ...event, stream: append.stream, revision, position: ++position };
    }),
  );
}

/** Every identifier the generator gave its people (ids, names, dates of birth): what no export may contain. */
export function generatedIdentifiers(options: CohortOptions): string[] {
  return generateCohort(options).flatMap((r) => (r.kind === 'participant' ? [String(r.body['participantId']), String(r.body['displayName']), String(r.body['dateOfBirth'])] : r.kind === 'group' ? [String(r.body['groupId'])] : []));
}
