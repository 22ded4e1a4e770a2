import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { MANAGERS, requireRole } from '../access/roles.js';
import type { CommandContext } from '../commands/command-context.js';
import { defineRoute } from '../openapi/routes.js';
import { calendarDate, userId, writeResponse } from '../shared/schemas.js';
import { GroupWriter } from './group-writer.js';
import type { ExistingGroup } from './group.state.js';

export const changeFacilitatorsRoute = defineRoute({
  method: 'post',
  path: '/groups/{groupId}/facilitators',
  summary: "Replace a group's facilitators",
  tag: 'groups',
  status: 200,
  body: z.strictObject({ facilitatorIds: z.array(userId).min(1).max(20) }),
});

export const closeGroupRoute = defineRoute({
  method: 'post',
  path: '/groups/{groupId}/close',
  summary: 'Close a group',
  tag: 'groups',
  status: 200,
  body: z.strictObject({ closedOn: calendarDate }),
});

type Change = { kind: 'facilitators'; body: z.output<typeof changeFacilitatorsRoute.body> } | { kind: 'close'; body: z.output<typeof closeGroupRoute.body> };

export class ManageGroupCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly groupId: string,
    readonly change: Change,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export function groupView(group: ExistingGroup) {
  const { groupId, programId, name, facilitatorIds, startsOn, closedOn } = group;
  return { groupId, programId, name, facilitatorIds, startsOn, closedOn };
}

/** Facilitators and closing: directors and admins only (a therapist cannot hand a group over). */
@CommandHandler(ManageGroupCommand)
export class ManageGroupHandler implements ICommandHandler<ManageGroupCommand> {
  constructor(private readonly writer: GroupWriter) {}

  async execute({ groupId, change, context }: ManageGroupCommand) {
    requireRole(context.principal, MANAGERS, change.kind === 'close' ? 'close groups' : 'change facilitators');
    const appended = await this.writer.write(groupId, context, 'manage this group', (_group, today) =>
      change.kind === 'close'
        ? { kind: 'CloseGroup', closedOn: change.body.closedOn, today }
        : { kind: 'ChangeFacilitators', facilitatorIds: [...new Set(change.body.facilitatorIds)] },
    );
    return writeResponse(groupView(appended.group), appended);
  }
}
