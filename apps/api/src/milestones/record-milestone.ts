import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { IdGenerator } from '#libs/system';
import type { CommandContext } from '../commands/command-context.js';
import { ParticipantWriter } from '../measures/participant-writer.js';
import { defineRoute } from '../openapi/routes.js';
import { IdentityVault } from '../participants/identity-vault.js';
import { calendarDate, shortText, uuid, writeResponse } from '../shared/schemas.js';

/** API.md "Enumerations", milestone type. */
export const milestoneTypes = [
  'abstinent_30_days',
  'abstinent_90_days',
  'abstinent_180_days',
  'abstinent_365_days',
  'goal_achieved',
  'program_completed',
  'returned_to_work_or_study',
  'relapse_reported',
  'other',
] as const;

export const recordMilestoneRoute = defineRoute({
  method: 'post',
  path: '/participants/{participantId}/milestones',
  summary: "Record a recovery milestone (label required for type 'other'; the label is encrypted)",
  tag: 'milestones',
  status: 201,
  body: z
    .strictObject({
      milestoneId: uuid.optional(),
      type: z.enum(milestoneTypes),
      label: shortText(200).optional(),
      achievedOn: calendarDate,
      value: z.number().finite().min(-1e9).max(1e9).optional(),
    })
    .refine((body) => body.type !== 'other' || body.label !== undefined, { path: ['label'], message: "is required when type is 'other'" }),
});

export class RecordMilestoneCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly participantId: string,
    readonly body: z.output<typeof recordMilestoneRoute.body>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The response says whether there is a label but not what it says (responses are kept in clear). */
@CommandHandler(RecordMilestoneCommand)
export class RecordMilestoneHandler implements ICommandHandler<RecordMilestoneCommand> {
  constructor(
    private readonly writer: ParticipantWriter,
    private readonly vault: IdentityVault,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ participantId, body, context }: RecordMilestoneCommand) {
    const milestoneId = body.milestoneId ?? this.ids.uuid();
    const appended = await this.writer.write(participantId, context, 'record milestones of this participant', async (_participant, today) => ({
      kind: 'ReachMilestone',
      data: {
        milestoneId,
        milestoneType: body.type,
        label: body.label === undefined ? null : await this.vault.seal(participantId, body.label),
        achievedOn: body.achievedOn,
        value: body.value ?? null,
      },
      today,
    }));
    return writeResponse({ milestoneId, participantId, type: body.type, hasLabel: body.label !== undefined, achievedOn: body.achievedOn, value: body.value ?? null }, appended);
  }
}
