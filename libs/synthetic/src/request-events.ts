import { type DomainEvent, type EncryptedField, type NewEvent, SCHEMA_VERSION, streams } from '#libs/events';
import { criticalItemAlerts, getInstrument, scoreResponse } from '#libs/instruments';
import { ageBand, ageOn } from '#libs/system';
import { IdSource } from './ids.js';
import type { ApiRequest } from './requests.js';

/** Events the api would append for one request, on one stream (one append). */
export interface StreamAppend {
  readonly stream: string;
  readonly events: readonly NewEvent[];
}

/**
 * A fixed stand-in for an EncryptedField: the shape of the real thing, no real cipher text,
 * and a key id (the participant id, as the api names keys) that no key store holds, so the api
 * opens it as null. Base64 of "synthetic" marks it as fake wherever it turns up.
 */
export function fakeCipher(participantId: string): EncryptedField {
  return { alg: 'A256GCM', keyId: participantId, iv: 'c3ludGhldGlj', tag: 'c3ludGhldGlj', ct: 'c3ludGhldGlj' };
}

// The generator's own request bodies (requests.ts keeps them as API.md JSON, untyped); their
// shapes are checked by the generator's tests against the api, and by this file's spec.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

/**
 * Turns the generator's API requests into the events the api's deciders append for them
 * (apps/api: participant.decider, group.decider, record-*.ts), without the api: for loading
 * millions of events straight into the stores. It keeps the little state the api reads from
 * its streams (session dates and groups, join dates, first attendance) and assumes the
 * requests are valid, which the generator guarantees (its tests send them through the api).
 *
 * Metadata: `occurredAt` and `recordedAt` are the request's business date at 18:00 UTC (a
 * session evening), so time-based readers such as the alerts reactor see a plausible clock.
 * Event ids and alert ids are deterministic (seeded), so the same options give the same log.
 */
export class RequestTranslator {
  private readonly ids: IdSource;
  private readonly sessions = new Map<string, { groupId: string; date: string; recorded: boolean }>();
  private readonly joined = new Map<string, string>();
  private readonly programOf = new Map<string, string>();
  /** Sessions and attendance carry only the group in their path: the program comes from here. */
  private readonly groupPrograms = new Map<string, string>();
  /** A participant is registered on the day they join: held until the join request arrives. */
  private pendingRegistration: ApiRequest | null = null;
  private clockDay: string;

  constructor(namespace: string, firstDay: string) {
    this.ids = new IdSource(`${namespace}/events`);
    this.clockDay = firstDay;
  }

  /** The appends for one request, in the order the api would make them. */
  translate(request: ApiRequest): StreamAppend[] {
    const body = request.body as Body;
    const day = businessDay(body);
    if (day) this.clockDay = day;
    if (request.kind === 'participant') {
      this.pendingRegistration = request;
      return [];
    }
    const appends: StreamAppend[] = [];
    if (this.pendingRegistration && request.kind === 'join') {
      appends.push(this.registration(this.pendingRegistration, String(body['joinedOn'])));
      this.pendingRegistration = null;
    }
    const decided = this.decide(request, body);
    if (decided) appends.push({ stream: decided.stream, events: decided.events.map((e) => this.envelope(e, request)) });
    return appends;
  }

  private registration(request: ApiRequest, registeredOn: string): StreamAppend {
    const body = request.body as Body;
    const participantId = String(body['participantId']);
    this.programOf.set(participantId, String(body['programId']));
    const event: DomainEvent = {
      type: 'ParticipantRegistered',
      data: {
        participantId,
        programId: String(body['programId']),
        displayName: fakeCipher(participantId),
        dateOfBirth: fakeCipher(participantId),
        externalRef: null,
        ageBand: ageBand(ageOn(String(body['dateOfBirth']), registeredOn)),
        gender: body['gender'] ?? 'unknown',
        registeredOn,
      },
    };
    return { stream: streams.participant(participantId), events: [this.envelope(event, request)] };
  }

  private decide(request: ApiRequest, body: Body): { stream: string; events: DomainEvent[] } | null {
    const segments = request.path.split('/');
    switch (request.kind) {
      case 'program':
        return { stream: streams.program(body['programId']), events: [{ type: 'ProgramCreated', data: { programId: body['programId'], name: body['name'], part2: body['part2'], timeZone: body['timeZone'], plannedWeeks: body['plannedWeeks'] ?? null, schedule: body['schedule'] } }] };
      case 'group':
        this.groupPrograms.set(body['groupId'], body['programId']);
        return { stream: streams.group(body['groupId']), events: [{ type: 'GroupCreated', data: { groupId: body['groupId'], programId: body['programId'], name: body['name'], facilitatorIds: body['facilitatorIds'], startsOn: body['startsOn'] } }] };
      case 'join': {
        const groupId = segments[4]!;
        this.joined.set(`${groupId}/${body['participantId']}`, body['joinedOn']);
        return { stream: streams.group(groupId), events: [{ type: 'MemberJoined', data: { groupId, programId: this.programOf.get(body['participantId'])!, participantId: body['participantId'], joinedOn: body['joinedOn'] } }] };
      }
      case 'leave': {
        const [groupId, participantId] = [segments[4]!, segments[6]!];
        const joinedOn = this.joined.get(`${groupId}/${participantId}`)!;
        return { stream: streams.group(groupId), events: [{ type: 'MemberLeft', data: { groupId, programId: this.programOf.get(participantId)!, participantId, joinedOn, leftOn: body['leftOn'], reason: body['reason'] } }] };
      }
      case 'session': {
        const groupId = segments[4]!;
        this.sessions.set(body['sessionId'], { groupId, date: body['date'], recorded: false });
        return { stream: streams.group(groupId), events: [{ type: 'SessionScheduled', data: { groupId, programId: this.groupPrograms.get(groupId)!, sessionId: body['sessionId'], date: body['date'], durationMinutes: body['durationMinutes'] ?? null } }] };
      }
      case 'attendance': {
        const [groupId, sessionId] = [segments[4]!, segments[6]!];
        const session = this.sessions.get(sessionId)!;
        const type = session.recorded ? 'AttendanceCorrected' : 'AttendanceRecorded';
        session.recorded = true;
        const programId = this.groupPrograms.get(groupId)!;
        return { stream: streams.group(groupId), events: [{ type, data: { groupId, programId, sessionId, date: session.date, records: body['records'] } }] };
      }
      case 'measure':
        return this.measure(segments[4]!, body);
      case 'milestone': {
        const participantId = segments[4]!;
        const data = { milestoneId: body['milestoneId'], participantId, programId: this.programOf.get(participantId)!, milestoneType: body['type'], label: body['label'] === undefined ? null : fakeCipher(participantId), achievedOn: body['achievedOn'], value: body['value'] ?? null };
        return { stream: streams.participant(participantId), events: [{ type: 'MilestoneReached', data }] };
      }
      case 'consent': {
        const participantId = segments[4]!;
        const data = { participantId, programId: this.programOf.get(participantId)!, scope: body['scope'], status: body['status'], recipient: body['recipient'] ?? null, recordedOn: body['recordedOn'] };
        return { stream: streams.participant(participantId), events: [{ type: 'ConsentRecorded', data }] };
      }
      default:
        return null;
    }
  }

  /** MeasureRecorded scored with the latest definition, and its critical-item alerts in the same append (participant.decider). */
  private measure(participantId: string, body: Body): { stream: string; events: DomainEvent[] } {
    const definition = getInstrument(body['instrument'])!;
    const session = body['sessionId'] ? this.sessions.get(body['sessionId']) : undefined;
    const ids = { participantId, programId: this.programOf.get(participantId)! };
    const measure = { measureId: body['measureId'], groupId: session?.groupId ?? null, sessionId: body['sessionId'] ?? null, items: body['items'], administeredOn: body['administeredOn'] };
    const recorded: DomainEvent = { type: 'MeasureRecorded', data: { ...measure, ...ids, instrument: definition.id, instrumentVersion: definition.version, score: scoreResponse(definition, body['items']) } };
    const alerts = criticalItemAlerts(definition, body['items']).map((alert): DomainEvent => ({
      type: 'AlertRaised',
      data: { alertId: this.ids.next(), ...ids, groupId: measure.groupId, alertType: alert.type, severity: alert.severity, message: alert.message, measureId: measure.measureId, raisedAt: this.instant() },
    }));
    return { stream: streams.participant(participantId), events: [recorded, ...alerts] };
  }

  private instant(): string {
    return `${this.clockDay}T18:00:00.000Z`;
  }

  private envelope(event: DomainEvent, request: ApiRequest): NewEvent {
    const at = this.instant();
    const eventId = this.ids.next();
    return {
      eventId,
      type: event.type,
      schemaVersion: SCHEMA_VERSION,
      data: event.data,
      metadata: { org: request.actor.org, actor: { userId: request.actor.sub, role: request.actor.role }, occurredAt: at, recordedAt: at, correlationId: eventId, causationId: null },
    };
  }
}

const DATE_FIELDS = ['date', 'joinedOn', 'leftOn', 'administeredOn', 'achievedOn', 'recordedOn', 'startsOn'] as const;

/** The day a request happens on, from its body's own date (sessions, joins, measures...). */
function businessDay(body: Body): string | null {
  for (const field of DATE_FIELDS) if (typeof body[field] === 'string') return body[field];
  return null;
}
