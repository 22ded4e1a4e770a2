import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { streams } from '#libs/events';
import { IdGenerator } from '#libs/system';
import { MANAGERS, requireRole } from '../access/roles.js';
import type { CommandContext } from '../commands/command-context.js';
import { StreamExecutor } from '../commands/stream-executor.js';
import { defineRoute } from '../openapi/routes.js';
import { ProgramCalendar } from '../programs/program-calendar.js';
import { calendarDate, userId, shortText, uuid, writeResponse } from '../shared/schemas.js';
import { groupDecider } from './group.decider.js';

export const createGroupRoute = defineRoute({
  method: 'post',
  path: '/groups',
  summary: 'Create a group in a program with its facilitators',
  tag: 'groups',
  status: 201,
  body: z.strictObject({
    groupId: uuid.optional(),
    programId: uuid,
    name: shortText(),
    facilitatorIds: z.array(userId).min(1).max(20),
    startsOn: calendarDate,
  }),
});

export class CreateGroupCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly body: z.output<typeof createGroupRoute.body>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CreateGroupCommand)
export class CreateGroupHandler implements ICommandHandler<CreateGroupCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly calendar: ProgramCalendar,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ body, context }: CreateGroupCommand) {
    requireRole(context.principal, MANAGERS, 'create groups');
    await this.calendar.load(body.programId, context.principal.org);
    const command = { kind: 'CreateGroup' as const, ...body, groupId: body.groupId ?? this.ids.uuid(), facilitatorIds: [...new Set(body.facilitatorIds)] };
    const appended = await this.executor.execute(streams.group(command.groupId), groupDecider, command, context);
    const { kind: _kind, ...group } = command;
    return writeResponse({ ...group, closedOn: null }, appended);
  }
}
