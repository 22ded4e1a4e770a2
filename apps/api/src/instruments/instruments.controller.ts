import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { instrumentSummary } from '#libs/instruments';
import type { CommandContext } from '../commands/command-context.js';
import { Ctx } from '../commands/context.decorator.js';
import { defineRoute } from '../openapi/routes.js';
import { itemsForForms } from './answer-labels.js';
import { InstrumentRegistry } from './instrument-registry.js';
import { RescoreInstrumentCommand } from './rescore-instrument.js';

defineRoute({ method: 'get', path: '/instruments', summary: 'The definition in force of each instrument (items with text and answer labels, scoring, bands, caseness, reliable change, licence, LOINC)', tag: 'instruments', status: 200 });

@Controller('api/v1')
export class InstrumentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly registry: InstrumentRegistry,
  ) {}

  @Get('instruments')
  list() {
    // Item text (short paraphrases, never licensed wording) so the recording screens can show the form.
    return { items: this.registry.latestOfEach().map((d) => ({ ...instrumentSummary(d), items: itemsForForms(d) })) };
  }

  @Post('admin/instruments/:instrument/rescore')
  @HttpCode(200)
  rescore(@Param('instrument') instrument: string, @Ctx() context: CommandContext) {
    return this.commands.execute(new RescoreInstrumentCommand(instrument, context));
  }
}
