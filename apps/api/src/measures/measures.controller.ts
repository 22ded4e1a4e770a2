import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '../commands/command-context.js';
import { Ctx } from '../commands/context.decorator.js';
import { parseWith } from '../http/validation.js';
import { InstrumentRegistry } from '../instruments/instrument-registry.js';
import { parseMeasureBody, RecordMeasureCommand } from './record-measure.js';
import { VoidMeasureCommand, voidMeasureRoute } from './void-measure.js';

@Controller('api/v1/participants/:participantId/measures')
export class MeasuresController {
  constructor(
    private readonly commands: CommandBus,
    private readonly registry: InstrumentRegistry,
  ) {}

  @Post()
  @HttpCode(201)
  record(@Param('participantId') participantId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new RecordMeasureCommand(participantId, parseMeasureBody(body, this.registry), context));
  }

  @Post(':measureId/void')
  @HttpCode(200)
  void(@Param('participantId') participantId: string, @Param('measureId') measureId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new VoidMeasureCommand(participantId, measureId, parseWith(voidMeasureRoute.body, body), context));
  }
}
