import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '#libs/jwt';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import type { CommandContext } from '../commands/command-context.js';
import { Ctx } from '../commands/context.decorator.js';
import { Directory } from '../directory/directory.js';
import { parseWith } from '../http/validation.js';
import { defineRoute } from '../openapi/routes.js';
import { CreateProgramCommand, createProgramRoute } from './create-program.js';

defineRoute({ method: 'get', path: '/programs', summary: "List the organization's programs", tag: 'programs', status: 200 });

@Controller('api/v1/programs')
export class ProgramsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: Directory,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new CreateProgramCommand(parseWith(createProgramRoute.body, body), context));
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal) {
    const items = [...this.directory.programs.values()]
      .filter((p) => p.org === principal.org)
      .map(({ org: _org, ...program }) => program)
      .sort((a, b) => a.name.localeCompare(b.name));
    return { items };
  }
}
