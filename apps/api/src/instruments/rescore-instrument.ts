import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireRole } from '../access/roles.js';
import type { CommandContext } from '../commands/command-context.js';
import { defineRoute } from '../openapi/routes.js';
import { Rescorer } from './rescorer.js';

export const rescoreRoute = defineRoute({
  method: 'post',
  path: '/admin/instruments/{instrument}/rescore',
  summary: "Apply the instrument's latest definition version to history (new score facts beside the old; idempotent). Admin only.",
  tag: 'instruments',
  status: 200,
});

export class RescoreInstrumentCommand extends Command<{ rescored: number }> {
  constructor(
    readonly instrument: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RescoreInstrumentCommand)
export class RescoreInstrumentHandler implements ICommandHandler<RescoreInstrumentCommand> {
  constructor(private readonly rescorer: Rescorer) {}

  async execute({ instrument, context }: RescoreInstrumentCommand) {
    requireRole(context.principal, ['admin'], 're-score history');
    return this.rescorer.rescore(instrument, context);
  }
}
