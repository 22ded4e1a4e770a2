import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '../commands/command-context.js';
import { Ctx } from '../commands/context.decorator.js';
import { parseWith } from '../http/validation.js';
import { RecordMilestoneCommand, recordMilestoneRoute } from './record-milestone.js';

@Controller('api/v1/participants/:participantId/milestones')
export class MilestonesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  record(@Param('participantId') participantId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new RecordMilestoneCommand(participantId, parseWith(recordMilestoneRoute.body, body), context));
  }
}
