/**
 * Test-only: hand-worked event logs for ../outcomes.int-spec.ts (not exported by the lib).
 * Every event gets its own position and an occurredAt one minute later than the previous one,
 * so same-day measures are ordered by when they were recorded.
 */
import type { RecordedEvent } from '#libs/events';
import { recorded } from '#testing/projector';

interface MeasureOptions {
  readonly groupId?: string | null;
  readonly valid?: boolean;
  readonly metric?: number;
  readonly org?: string;
}

export class OutcomeLog {
  readonly events: RecordedEvent[] = [];
  constructor(
    private readonly org = 'org-1',
    private position = 1000,
  ) {}

  private add(type: string, data: unknown, org = this.org): void {
    this.position += 1;
    const occurredAt = new Date(Date.UTC(2026, 0, 1) + this.position * 60_000).toISOString();
    this.events.push(recorded(type, data, this.position, { org, occurredAt }));
  }

  program(programId: string): this {
    this.add('ProgramCreated', { programId, name: programId, part2: false, timeZone: 'Europe/London', plannedWeeks: 12, schedule: [] });
    return this;
  }

  group(programId: string, groupId: string, name: string, facilitatorIds: string[]): this {
    this.add('GroupCreated', { groupId, programId, name, facilitatorIds, startsOn: '2026-01-01' });
    return this;
  }

  facilitators(programId: string, groupId: string, facilitatorIds: string[]): this {
    this.add('FacilitatorsChanged', { groupId, programId, facilitatorIds });
    return this;
  }

  join(programId: string, groupId: string, participantId: string, joinedOn: string): this {
    this.add('MemberJoined', { groupId, programId, participantId, joinedOn });
    return this;
  }

  leave(programId: string, groupId: string, participantId: string, joinedOn: string, leftOn: string, reason = 'completed'): this {
    this.add('MemberLeft', { groupId, programId, participantId, joinedOn, leftOn, reason });
    return this;
  }

  /** Schedules a session and records attendance: `attended` present, `late` late, `absent` absent. */
  session(programId: string, groupId: string, sessionId: string, date: string, who: { present?: string[]; late?: string[]; absent?: string[]; excused?: string[] }): this {
    this.add('SessionScheduled', { groupId, programId, sessionId, date, durationMinutes: 90 });
    const records = (['present', 'late', 'absent', 'excused'] as const).flatMap((status) => (who[status] ?? []).map((participantId) => ({ participantId, status })));
    this.add('AttendanceRecorded', { groupId, programId, sessionId, date, records });
    return this;
  }

  measure(programId: string, participantId: string, measureId: string, instrument: string, total: number | null, administeredOn: string, options: MeasureOptions = {}): this {
    const score = { total, valid: options.valid ?? true, ...(options.metric === undefined ? {} : { metric: options.metric }) };
    this.add(
      'MeasureRecorded',
      { measureId, participantId, programId, groupId: options.groupId ?? null, sessionId: null, instrument, instrumentVersion: 1, items: [], administeredOn, score },
      options.org,
    );
    return this;
  }

  rescore(programId: string, participantId: string, measureId: string, instrument: string, total: number, org?: string): this {
    this.add('MeasureRescored', { measureId, participantId, programId, instrument, instrumentVersion: 2, score: { total, valid: true } }, org);
    return this;
  }

  void(programId: string, participantId: string, measureId: string, org?: string): this {
    this.add('MeasureVoided', { measureId, participantId, programId, reason: { alg: 'A256GCM', keyId: 'k', iv: 'i', tag: 't', ct: 'c' } }, org);
    return this;
  }
}
