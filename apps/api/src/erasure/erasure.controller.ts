import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RequestPurpose, type Purpose } from '../audit/purpose.js';
import type { CommandContext } from '../commands/command-context.js';
import { Ctx } from '../commands/context.decorator.js';
import { EraseParticipantCommand, type ErasureReceipt } from './erase-participant.js';

@Controller('api/v1/participants')
export class ErasureController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':participantId')
  @HttpCode(200)
  erase(@Param('participantId') participantId: string, @RequestPurpose() purpose: Purpose, @Ctx() context: CommandContext): Promise<ErasureReceipt> {
    return this.commands.execute(new EraseParticipantCommand(participantId, purpose, context));
  }
}
