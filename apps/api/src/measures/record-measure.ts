import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { RuleBroken, ValidationFailed } from '#libs/errors';
import { type AlertRaised, type MeasureRecorded, streams } from '#libs/events';
import { validateResponse } from '#libs/instruments';
import { IdGenerator, Clock } from '#libs/system';
import type { CommandContext } from '../commands/command-context.js';
import { StreamExecutor } from '../commands/stream-executor.js';
import { groupDecider } from '../groups/group.decider.js';
import { enrolledOn, type ExistingGroup } from '../groups/group.state.js';
import { parseWith } from '../http/validation.js';
import { InstrumentRegistry } from '../instruments/instrument-registry.js';
import { AlertDispatcher } from '../notifications/alert-dispatcher.js';
import { defineRoute } from '../openapi/routes.js';
import { calendarDate, instrumentId, uuid, writeResponse } from '../shared/schemas.js';
import { ParticipantAccess } from './participant-access.js';
import { ParticipantWriter } from './participant-writer.js';

export const recordMeasureRoute = defineRoute({
  method: 'post',
  path: '/participants/{participantId}/measures',
  summary: 'Record a measure: scored with the definition in force; a critical item raises an alert in the same append',
  tag: 'measures',
  status: 201,
  body: z.strictObject({
    measureId: uuid.optional(),
    instrument: instrumentId,
    // Shape only here; count, range, step and missing items are the definition's (below).
    items: z.array(z.number().nullable()).max(100),
    administeredOn: calendarDate,
    sessionId: uuid.optional(),
  }),
});

export type RecordMeasureBody = z.output<typeof recordMeasureRoute.body>;

/** The schema, then the instrument's own rules (validateResponse): 400 with JSON pointers either way. */
export function parseMeasureBody(raw: unknown, registry: InstrumentRegistry): RecordMeasureBody {
  const body = parseWith(recordMeasureRoute.body, raw);
  const definition = registry.latest(body.instrument);
  if (!definition) throw new ValidationFailed([{ path: '/instrument', message: 'unknown instrument' }]);
  const errors = validateResponse(definition, body.items);
  if (errors.length > 0) throw new ValidationFailed(errors, `The items do not fit ${definition.id} version ${definition.version}.`);
  return body;
}

export class RecordMeasureCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly participantId: string,
    readonly body: RecordMeasureBody,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordMeasureCommand)
export class RecordMeasureHandler implements ICommandHandler<RecordMeasureCommand> {
  constructor(
    private readonly writer: ParticipantWriter,
    private readonly access: ParticipantAccess,
    private readonly executor: StreamExecutor,
    private readonly registry: InstrumentRegistry,
    private readonly dispatcher: AlertDispatcher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute({ participantId, body, context }: RecordMeasureCommand) {
    const definition = this.registry.latest(body.instrument)!;
    const measureId = body.measureId ?? this.ids.uuid();
    const alertIds = definition.criticalItems.map(() => this.ids.uuid());
    const appended = await this.writer.write(participantId, context, 'record measures of this participant', async (_participant, today) => ({
      kind: 'RecordMeasure',
      measure: { measureId, instrument: definition.id, items: body.items, administeredOn: body.administeredOn, sessionId: body.sessionId ?? null, groupId: await this.groupOf(body.sessionId, participantId, context) },
      definition,
      alertIds,
      raisedAt: this.clock.now().toISOString(),
      today,
    }));
    const alerts = appended.events.filter((e): e is AlertRaised => e.type === 'AlertRaised').map((e) => e.data);
    this.dispatcher.dispatch(context.principal.org, alerts);
    const recorded = appended.events.find((e): e is MeasureRecorded => e.type === 'MeasureRecorded')!.data;
    return writeResponse(
      {
        measureId,
        participantId,
        instrument: definition.id,
        instrumentVersion: recorded.instrumentVersion,
        administeredOn: body.administeredOn,
        sessionId: recorded.sessionId,
        groupId: recorded.groupId,
        score: recorded.score,
        alerts: alerts.map((a) => ({ alertId: a.alertId, type: a.alertType, severity: a.severity, message: a.message })),
      },
      appended,
    );
  }

  /** A session's measure belongs to its group, and only a member on the session's date may give one. */
  private async groupOf(sessionId: string | undefined, participantId: string, context: CommandContext): Promise<string | null> {
    if (!sessionId) return null;
    const org = context.principal.org;
    let group: ExistingGroup | null = null;
    for (const candidate of await this.access.groupsOfSession(sessionId, org)) {
      const state = (await this.executor.load(streams.group(candidate), groupDecider, org)).state;
      if (state.exists && state.sessions[sessionId]) {
        group = state;
        break;
      }
    }
    const session = group?.sessions[sessionId];
    if (!group || !session) throw new RuleBroken('SESSION_NOT_FOUND', `Session ${sessionId} is not a session of this organization.`);
    if (!enrolledOn(group, participantId, session.date)) {
      throw new RuleBroken('NOT_MEMBER_ON_SESSION_DATE', `Participant ${participantId} was not a member of the session's group on ${session.date}.`);
    }
    return group.groupId;
  }
}
