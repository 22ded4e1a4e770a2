import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { streams } from '#libs/events';
import { isValidTimeZone, IdGenerator } from '#libs/system';
import { MANAGERS, requireRole } from '../access/roles.js';
import type { CommandContext } from '../commands/command-context.js';
import { StreamExecutor } from '../commands/stream-executor.js';
import { defineRoute } from '../openapi/routes.js';
import { instrumentId, shortText, uuid, writeResponse } from '../shared/schemas.js';
import { programDecider } from './program.decider.js';

export const createProgramRoute = defineRoute({
  method: 'post',
  path: '/programs',
  summary: 'Create a program (Part 2 flag, time zone, planned length, measurement schedule)',
  tag: 'programs',
  status: 201,
  body: z.strictObject({
    programId: uuid.optional(),
    name: shortText(),
    part2: z.boolean(),
    timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone like Europe/London'),
    plannedWeeks: z.number().int().min(1).max(520).optional(),
    schedule: z.array(z.strictObject({ instrument: instrumentId, every: z.enum(['session', 'week', '4weeks']) })).max(50).optional(),
  }),
});

export type CreateProgramBody = z.output<typeof createProgramRoute.body>;

export class CreateProgramCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly body: CreateProgramBody,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CreateProgramCommand)
export class CreateProgramHandler implements ICommandHandler<CreateProgramCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ body, context }: CreateProgramCommand) {
    requireRole(context.principal, MANAGERS, 'create programs');
    const data = {
      programId: body.programId ?? this.ids.uuid(),
      name: body.name,
      part2: body.part2,
      timeZone: body.timeZone,
      plannedWeeks: body.plannedWeeks ?? null,
      schedule: body.schedule ?? [],
    };
    const appended = await this.executor.execute(streams.program(data.programId), programDecider, { kind: 'CreateProgram', data }, context);
    return writeResponse(data, appended);
  }
}
