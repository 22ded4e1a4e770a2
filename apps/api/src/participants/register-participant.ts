import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { streams } from '#libs/events';
import { ageBand, ageOn, IdGenerator } from '#libs/system';
import { CLINICAL_WRITERS, requireRole } from '../access/roles.js';
import type { CommandContext } from '../commands/command-context.js';
import { StreamExecutor } from '../commands/stream-executor.js';
import { defineRoute } from '../openapi/routes.js';
import { ProgramCalendar } from '../programs/program-calendar.js';
import { calendarDate, shortText, uuid, writeResponse } from '../shared/schemas.js';
import { IdentityVault } from './identity-vault.js';
import { participantDecider } from './participant.decider.js';

export const registerParticipantRoute = defineRoute({
  method: 'post',
  path: '/participants',
  summary: 'Register a participant (identifiers encrypted at rest with their own key)',
  tag: 'participants',
  status: 201,
  body: z.strictObject({
    participantId: uuid.optional(),
    programId: uuid,
    displayName: shortText(200),
    dateOfBirth: calendarDate.refine((d) => d >= '1900-01-01', 'must be on or after 1900-01-01'),
    gender: z.enum(['female', 'male', 'nonbinary', 'other', 'unknown']).optional(),
    externalRef: shortText(100).optional(),
  }),
});

export class RegisterParticipantCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly body: z.output<typeof registerParticipantRoute.body>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The response carries no identifier in clear: idempotent replays of it are stored as events. */
@CommandHandler(RegisterParticipantCommand)
export class RegisterParticipantHandler implements ICommandHandler<RegisterParticipantCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly calendar: ProgramCalendar,
    private readonly vault: IdentityVault,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ body, context }: RegisterParticipantCommand) {
    requireRole(context.principal, CLINICAL_WRITERS, 'register participants');
    const program = await this.calendar.load(body.programId, context.principal.org);
    const today = this.calendar.latestAllowedDate(program);
    const participantId = body.participantId ?? this.ids.uuid();
    const data = {
      participantId,
      programId: body.programId,
      displayName: await this.vault.seal(participantId, body.displayName),
      dateOfBirth: await this.vault.seal(participantId, body.dateOfBirth),
      externalRef: body.externalRef ? await this.vault.seal(participantId, body.externalRef) : null,
      ageBand: ageBand(ageOn(body.dateOfBirth, today)),
      gender: body.gender ?? 'unknown',
      registeredOn: today,
    };
    const appended = await this.executor.execute(streams.participant(participantId), participantDecider, { kind: 'RegisterParticipant', data, dateOfBirth: body.dateOfBirth, today }, context);
    const { participantId: id, programId, ageBand: band, gender, registeredOn } = data;
    return writeResponse({ participantId: id, programId, ageBand: band, gender, registeredOn }, appended);
  }
}
