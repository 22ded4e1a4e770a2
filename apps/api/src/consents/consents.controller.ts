import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '../commands/command-context.js';
import { Ctx } from '../commands/context.decorator.js';
import { parseWith } from '../http/validation.js';
import { RecordConsentCommand, recordConsentRoute } from './record-consent.js';

@Controller('api/v1/participants/:participantId/consents')
export class ConsentsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  record(@Param('participantId') participantId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new RecordConsentCommand(participantId, parseWith(recordConsentRoute.body, body), context));
  }
}
