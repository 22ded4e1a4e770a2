import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import type { CommandContext } from '../commands/command-context.js';
import { defineRoute } from '../openapi/routes.js';
import { IdentityVault } from '../participants/identity-vault.js';
import { shortText, writeResponse } from '../shared/schemas.js';
import { ParticipantWriter } from './participant-writer.js';

export const voidMeasureRoute = defineRoute({
  method: 'post',
  path: '/participants/{participantId}/measures/{measureId}/void',
  summary: 'Void a measure with a reason (it leaves every analysis; history keeps it). The reason is encrypted.',
  tag: 'measures',
  status: 200,
  body: z.strictObject({ reason: shortText(500) }),
});

export class VoidMeasureCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly participantId: string,
    readonly measureId: string,
    readonly body: z.output<typeof voidMeasureRoute.body>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The response leaves the reason out: responses are kept in clear for idempotent replays. */
@CommandHandler(VoidMeasureCommand)
export class VoidMeasureHandler implements ICommandHandler<VoidMeasureCommand> {
  constructor(
    private readonly writer: ParticipantWriter,
    private readonly vault: IdentityVault,
  ) {}

  async execute({ participantId, measureId, body, context }: VoidMeasureCommand) {
    // Sealed only once the participant is known and in scope: no key is made for a stranger.
    const appended = await this.writer.write(participantId, context, 'void measures of this participant', async () => ({
      kind: 'VoidMeasure',
      measureId,
      reason: await this.vault.seal(participantId, body.reason),
    }));
    const measure = appended.participant.measures[measureId]!;
    return writeResponse({ measureId, participantId, instrument: measure.instrument, voided: true }, appended);
  }
}
