import type { AttendanceStatus, DomainEvent, MeasureScore, RecordedEvent, ScheduleEvery } from '#libs/events';

export type Scores = Partial<MeasureScore> & { readonly total: number | null };

interface At {
  /** recordedAt (and occurredAt); defaults to noon UTC of the event's calendar date. */
  readonly at?: string;
}

/**
 * Builds RecordedEvents in log order with increasing positions. Ids are readable strings
 * (`evt-3`), not UUIDs: the pure core never parses them.
 */
export class EventLog {
  readonly events: RecordedEvent[] = [];
  private position = 0n;

  constructor(
    readonly programId = 'prog-1',
    readonly org = 'org-1',
  ) {}

  add<E extends DomainEvent>(type: E['type'], data: E['data'], at: string): RecordedEvent {
    this.position += 1n;
    const eventId = `evt-${this.position}`;
    const event: RecordedEvent = {
      eventId,
      type,
      schemaVersion: 1,
      data,
      metadata: { org: this.org, actor: { userId: 'user-1', role: 'therapist' }, occurredAt: at, recordedAt: at, correlationId: `corr-${this.position}`, causationId: null },
      stream: 'test',
      revision: 0,
      position: this.position,
    };
    this.events.push(event);
    return event;
  }

  program(schedule: readonly { instrument: string; every: ScheduleEvery }[], timeZone = 'UTC'): RecordedEvent {
    return this.add('ProgramCreated', { programId: this.programId, name: 'P', part2: false, timeZone, plannedWeeks: 12, schedule }, '2026-01-01T00:00:00Z');
  }

  join(participantId: string, joinedOn: string, groupId = 'grp-1', options: At = {}): RecordedEvent {
    return this.add('MemberJoined', { groupId, programId: this.programId, participantId, joinedOn }, options.at ?? noon(joinedOn));
  }

  leave(participantId: string, joinedOn: string, leftOn: string, groupId = 'grp-1'): RecordedEvent {
    return this.add('MemberLeft', { groupId, programId: this.programId, participantId, joinedOn, leftOn, reason: 'dropped_out' }, noon(leftOn));
  }

  attendance(
    sessionId: string,
    date: string,
    records: Readonly<Record<string, AttendanceStatus>>,
    options: At & { corrected?: boolean; groupId?: string } = {},
  ): RecordedEvent {
    const data = {
      groupId: options.groupId ?? 'grp-1',
      programId: this.programId,
      sessionId,
      date,
      records: Object.entries(records).map(([participantId, status]) => ({ participantId, status })),
    };
    return this.add(options.corrected ? 'AttendanceCorrected' : 'AttendanceRecorded', data, options.at ?? noon(date));
  }

  measure(
    participantId: string,
    instrument: string,
    administeredOn: string,
    score: Scores,
    options: At & { measureId?: string; sessionId?: string | null; groupId?: string | null } = {},
  ): RecordedEvent {
    const measureId = options.measureId ?? `m-${this.position + 1n}`;
    const data = {
      measureId,
      participantId,
      programId: this.programId,
      groupId: options.groupId === undefined ? 'grp-1' : options.groupId,
      sessionId: options.sessionId ?? null,
      instrument,
      instrumentVersion: 1,
      items: [],
      administeredOn,
      score: { valid: true, ...score },
    };
    return this.add('MeasureRecorded', data, options.at ?? noon(administeredOn));
  }

  void(participantId: string, measureId: string, at: string): RecordedEvent {
    return this.add('MeasureVoided', { measureId, participantId, programId: this.programId, reason: { alg: 'A256GCM', keyId: 'k', iv: 'i', tag: 't', ct: 'c' } }, at);
  }

  erase(participantId: string, at: string): RecordedEvent {
    return this.add('ParticipantErased', { participantId, programId: this.programId, erasedAt: at }, at);
  }
}

function noon(date: string): string {
  return `${date}T12:00:00.000Z`;
}
