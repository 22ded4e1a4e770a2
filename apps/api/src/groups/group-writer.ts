import { Injectable } from '@nestjs/common';
import { streams } from '#libs/events';
import { requireGroupScope } from '../access/roles.js';
import type { CommandContext } from '../commands/command-context.js';
import { type Appended, StreamExecutor } from '../commands/stream-executor.js';
import { type ExistingProgram, ProgramCalendar } from '../programs/program-calendar.js';
import { groupDecider, type GroupCommand } from './group.decider.js';
import type { ExistingGroup, GroupState } from './group.state.js';

/**
 * The common path of every write to an existing group: load it (404 when unknown or of
 * another organization), check the caller's scope, give the decision today's date in the
 * program's time zone, append.
 */
@Injectable()
export class GroupWriter {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly calendar: ProgramCalendar,
  ) {}

  async write(
    groupId: string,
    context: CommandContext,
    action: string,
    build: (group: ExistingGroup, today: string, program: ExistingProgram) => GroupCommand | Promise<GroupCommand>,
  ): Promise<Appended<GroupState> & { group: ExistingGroup }> {
    const stream = streams.group(groupId);
    const group = (await this.executor.loadExisting(stream, groupDecider, context.principal.org, 'group', groupId)) as ExistingGroup;
    requireGroupScope(context.principal, group.facilitatorIds, action);
    const program = await this.calendar.load(group.programId, context.principal.org);
    const command = await build(group, this.calendar.latestAllowedDate(program), program);
    const appended = await this.executor.execute(stream, groupDecider, command, context, { mustExist: { what: 'group', id: groupId } });
    return { ...appended, group: appended.state as ExistingGroup };
  }
}
