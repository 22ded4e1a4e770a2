import type { AnalyticsStore } from '#libs/analytics-store';
import type { MeasureScore, RecordedEvent } from '#libs/events';
import { DeadLetterSink, type DeadLetter } from '#libs/pipeline';
import { Projector } from '#libs/projector';
import { encrypted, recorded } from '#testing/projector';

/** Dead letters fail the test: every event of a hand-worked dataset must project. */
class FailingSink extends DeadLetterSink {
  async send(letter: DeadLetter): Promise<void> {
    throw new Error(`dead letter in a test dataset: ${JSON.stringify(letter)}`);
  }
  count(): number {
    return 0;
  }
}

/**
 * Builds a hand-worked event log for the analytics int-specs (events → Projector → chDB),
 * positions in order. `org` and `programId` are per builder, so another org's rows are one
 * more builder.
 */
export class EventLog {
  readonly events: RecordedEvent[] = [];
  private static position = 1000;

  constructor(
    readonly org = 'org-1',
    readonly programId = 'prog-1',
  ) {}

  add(type: string, data: object, occurredAt?: string): this {
    this.events.push(recorded(type, data, (EventLog.position += 1), { org: this.org, occurredAt }));
    return this;
  }

  program(timeZone = 'UTC'): this {
    return this.add('ProgramCreated', { programId: this.programId, name: 'P', part2: false, timeZone, plannedWeeks: null, schedule: [] });
  }
  group(groupId: string, startsOn = '2026-01-05', facilitatorIds = ['therapist-1']): this {
    return this.add('GroupCreated', { groupId, programId: this.programId, name: groupId, facilitatorIds, startsOn });
  }
  join(groupId: string, participantId: string, joinedOn: string): this {
    return this.add('MemberJoined', { groupId, programId: this.programId, participantId, joinedOn });
  }
  leave(groupId: string, participantId: string, joinedOn: string, leftOn: string, reason: string): this {
    return this.add('MemberLeft', { groupId, programId: this.programId, participantId, joinedOn, leftOn, reason });
  }
  session(groupId: string, sessionId: string, date: string): this {
    return this.add('SessionScheduled', { groupId, programId: this.programId, sessionId, date, durationMinutes: 90 });
  }
  attendance(groupId: string, sessionId: string, date: string, records: Record<string, string>, corrected = false): this {
    const list = Object.entries(records).map(([participantId, status]) => ({ participantId, status }));
    return this.add(corrected ? 'AttendanceCorrected' : 'AttendanceRecorded', { groupId, programId: this.programId, sessionId, date, records: list });
  }
  measure(m: {
    measureId: string;
    participantId: string;
    instrument: string;
    administeredOn: string;
    score: MeasureScore;
    groupId?: string | null;
    sessionId?: string | null;
    occurredAt?: string;
  }): this {
    const data = {
      measureId: m.measureId,
      participantId: m.participantId,
      programId: this.programId,
      groupId: m.groupId ?? null,
      sessionId: m.sessionId ?? null,
      instrument: m.instrument,
      instrumentVersion: 1,
      items: [],
      administeredOn: m.administeredOn,
      score: m.score,
    };
    return this.add('MeasureRecorded', data, m.occurredAt);
  }
  /** A GSRS total linked to a session (items are not read by the analytics). */
  gsrs(measureId: string, participantId: string, sessionId: string, date: string, total: number | null, valid = true): this {
    return this.measure({ measureId, participantId, instrument: 'GSRS', administeredOn: date, sessionId, score: { total, valid } });
  }
  rescore(measureId: string, participantId: string, instrument: string, instrumentVersion: number, score: MeasureScore): this {
    return this.add('MeasureRescored', { measureId, participantId, programId: this.programId, instrument, instrumentVersion, score });
  }
  void(measureId: string, participantId: string): this {
    return this.add('MeasureVoided', { measureId, participantId, programId: this.programId, reason: encrypted('void') });
  }
  alert(a: { alertId: string; participantId: string; groupId: string | null; alertType: string; severity: string; raisedAt: string; message?: string }): this {
    return this.add('AlertRaised', { programId: this.programId, measureId: null, message: `${a.alertType} message`, ...a });
  }
  acknowledge(alertId: string, participantId: string, acknowledgedAt: string): this {
    return this.add('AlertAcknowledged', { alertId, participantId, programId: this.programId, note: null, acknowledgedAt });
  }
  milestone(milestoneId: string, participantId: string, milestoneType: string, achievedOn: string, value: number | null = null): this {
    return this.add('MilestoneReached', { milestoneId, participantId, programId: this.programId, milestoneType, label: null, achievedOn, value });
  }
}

/** Projects every log into the store through the real Projector. */
export async function project(store: AnalyticsStore, ...logs: EventLog[]): Promise<void> {
  const projector = new Projector(store, { deadLetters: new FailingSink() });
  await projector.handleBatch(logs.flatMap((log) => log.events));
}
