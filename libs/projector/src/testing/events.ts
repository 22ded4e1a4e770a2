import type { EncryptedField, RecordedEvent } from '#libs/events';

/** An EncryptedField whose parts all contain `marker`, so a test can prove none of it leaks. */
export function encrypted(marker: string): EncryptedField {
  return { alg: 'A256GCM', keyId: `key-${marker}`, iv: `iv-${marker}`, tag: `tag-${marker}`, ct: `ct-${marker}` };
}

export interface RecordOptions {
  readonly org?: string;
  readonly stream?: string;
  readonly occurredAt?: string;
  readonly eventId?: string;
}

/** A RecordedEvent at a global `position` (the eventId defaults to one derived from it). */
export function recorded(type: string, data: unknown, position: number | bigint, options: RecordOptions = {}): RecordedEvent {
  const occurredAt = options.occurredAt ?? '2026-03-02T09:30:00.000Z';
  return {
    eventId: options.eventId ?? `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      org: options.org ?? 'org-1',
      actor: { userId: 'user-1', role: 'therapist' },
      occurredAt,
      recordedAt: occurredAt,
      correlationId: 'corr-1',
      causationId: null,
    },
    stream: options.stream ?? 'test-stream',
    revision: 0,
    position: BigInt(position),
  };
}

export const ids = {
  program: 'prog-1',
  group: 'group-1',
  session1: 'session-1',
  session2: 'session-2',
  alice: 'part-alice',
  bob: 'part-bob',
  measureA1: 'measure-a1',
  measureA2: 'measure-a2',
  measureB1: 'measure-b1',
  alert: 'alert-1',
  milestone: 'milestone-1',
} as const;

const registered = (participantId: string, marker: string) => ({
  participantId,
  programId: ids.program,
  displayName: encrypted(`name-${marker}`),
  dateOfBirth: encrypted(`dob-${marker}`),
  externalRef: encrypted(`ref-${marker}`),
  ageBand: '25-34',
  gender: 'female',
  registeredOn: '2026-03-01',
});

const phq9 = (measureId: string, participantId: string, items: number[], administeredOn: string, sessionId: string | null) => ({
  measureId,
  participantId,
  programId: ids.program,
  groupId: ids.group,
  sessionId,
  instrument: 'PHQ-9',
  instrumentVersion: 1,
  items,
  administeredOn,
  score: { total: items.reduce((a, b) => a + b, 0), band: 'moderate', caseness: true, valid: true },
});

/** A small but complete log of one organization: every event type of the catalogue once or more. */
export function sampleLog(): RecordedEvent[] {
  let position = 100;
  const next = (type: string, data: unknown) => recorded(type, data, (position += 10));
  return [
    next('ProgramCreated', { programId: ids.program, name: 'Recovery', part2: true, timeZone: 'Europe/London', plannedWeeks: 12, schedule: [{ instrument: 'PHQ-9', every: '4weeks' }] }),
    next('GroupCreated', { groupId: ids.group, programId: ids.program, name: 'Tuesday', facilitatorIds: ['therapist-1'], startsOn: '2026-03-03' }),
    next('ParticipantRegistered', registered(ids.alice, 'alice')),
    next('ParticipantRegistered', registered(ids.bob, 'bob')),
    next('ConsentRecorded', { participantId: ids.alice, programId: ids.program, scope: 'research', status: 'granted', recipient: null, recordedOn: '2026-03-01' }),
    next('MemberJoined', { groupId: ids.group, programId: ids.program, participantId: ids.alice, joinedOn: '2026-03-03' }),
    next('MemberJoined', { groupId: ids.group, programId: ids.program, participantId: ids.bob, joinedOn: '2026-03-03' }),
    next('SessionScheduled', { groupId: ids.group, programId: ids.program, sessionId: ids.session1, date: '2026-03-03', durationMinutes: 90 }),
    next('AttendanceRecorded', { groupId: ids.group, programId: ids.program, sessionId: ids.session1, date: '2026-03-03', records: [{ participantId: ids.alice, status: 'present' }, { participantId: ids.bob, status: 'absent' }] }),
    next('MeasureRecorded', phq9(ids.measureA1, ids.alice, [2, 2, 2, 2, 2, 2, 1, 1, 1], '2026-03-03', ids.session1)),
    next('AlertRaised', { alertId: ids.alert, participantId: ids.alice, programId: ids.program, groupId: ids.group, alertType: 'critical_item', severity: 'high', message: 'PHQ-9 item 9 above 0', measureId: ids.measureA1, raisedAt: '2026-03-03T18:00:00Z' }),
    next('AlertAcknowledged', { alertId: ids.alert, participantId: ids.alice, programId: ids.program, note: encrypted('note-alice'), acknowledgedAt: '2026-03-03T19:00:00+01:00' }),
    next('AttendanceCorrected', { groupId: ids.group, programId: ids.program, sessionId: ids.session1, date: '2026-03-03', records: [{ participantId: ids.bob, status: 'excused' }] }),
    next('SessionScheduled', { groupId: ids.group, programId: ids.program, sessionId: ids.session2, date: '2026-03-10', durationMinutes: null }),
    next('MeasureRecorded', phq9(ids.measureA2, ids.alice, [1, 1, 1, 1, 1, 1, 0, 0, 0], '2026-03-10', ids.session2)),
    next('MeasureRecorded', phq9(ids.measureB1, ids.bob, [3, 3, 3, 3, 3, 3, 3, 3, 0], '2026-03-10', null)),
    next('MeasureVoided', { measureId: ids.measureA2, participantId: ids.alice, programId: ids.program, reason: encrypted('void-alice') }),
    next('MeasureRescored', { measureId: ids.measureA1, participantId: ids.alice, programId: ids.program, instrument: 'PHQ-9', instrumentVersion: 2, score: { total: 15, band: 'moderately severe', caseness: true, valid: true } }),
    next('MilestoneReached', { milestoneId: ids.milestone, participantId: ids.alice, programId: ids.program, milestoneType: 'abstinent_30_days', label: encrypted('label-alice'), achievedOn: '2026-04-02', value: 30 }),
    next('FacilitatorsChanged', { groupId: ids.group, programId: ids.program, facilitatorIds: ['therapist-1', 'therapist-2'] }),
    next('MemberLeft', { groupId: ids.group, programId: ids.program, participantId: ids.bob, joinedOn: '2026-03-03', leftOn: '2026-03-20', reason: 'dropped_out' }),
    next('GroupClosed', { groupId: ids.group, programId: ids.program, closedOn: '2026-06-30' }),
  ];
}

/** Every marker put into an EncryptedField by sampleLog(): none may appear in a projected row. */
export const encryptedMarkers = ['name-alice', 'dob-alice', 'ref-alice', 'name-bob', 'dob-bob', 'ref-bob', 'note-alice', 'void-alice', 'label-alice'];
