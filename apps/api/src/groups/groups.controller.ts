import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '#libs/jwt';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import type { CommandContext } from '../commands/command-context.js';
import { Ctx } from '../commands/context.decorator.js';
import { Directory } from '../directory/directory.js';
import { parseWith } from '../http/validation.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import { GroupListCache } from './group-list-cache.js';
import { defineRoute } from '../openapi/routes.js';
import { CreateGroupCommand, createGroupRoute } from './create-group.js';
import { attendanceRoute, GroupActivityCommand, joinRoute, leaveRoute, scheduleSessionRoute } from './group-activity.js';
import { changeFacilitatorsRoute, closeGroupRoute, ManageGroupCommand } from './manage-group.js';

defineRoute({ method: 'get', path: '/groups', summary: 'List groups in the caller scope (a therapist: the groups they facilitate)', tag: 'groups', status: 200 });

/**
 * A researcher sees aggregates only, with the small-cell rule (PRIVACY.md; CMS cell-size
 * suppression policy, https://resdac.org/articles/cms-cell-size-suppression-policy): a
 * group size from 1 to 10 is shown to them as null.
 */
function sizeFor(principal: Principal, count: number): number | null {
  return principal.role === 'researcher' && count >= 1 && count <= 10 ? null : count;
}

@Controller('api/v1/groups')
export class GroupsController {
  private readonly lists = new GroupListCache();

  constructor(
    private readonly commands: CommandBus,
    private readonly directory: Directory,
    private readonly staff: StaffDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new CreateGroupCommand(parseWith(createGroupRoute.body, body), context));
  }

  @Post(':groupId/facilitators')
  @HttpCode(200)
  facilitators(@Param('groupId') groupId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new ManageGroupCommand(groupId, { kind: 'facilitators', body: parseWith(changeFacilitatorsRoute.body, body) }, context));
  }

  @Post(':groupId/close')
  @HttpCode(200)
  close(@Param('groupId') groupId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new ManageGroupCommand(groupId, { kind: 'close', body: parseWith(closeGroupRoute.body, body) }, context));
  }

  @Post(':groupId/members')
  @HttpCode(201)
  join(@Param('groupId') groupId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new GroupActivityCommand(groupId, { kind: 'join', body: parseWith(joinRoute.body, body) }, context));
  }

  @Post(':groupId/members/:participantId/leave')
  @HttpCode(200)
  leave(@Param('groupId') groupId: string, @Param('participantId') participantId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new GroupActivityCommand(groupId, { kind: 'leave', participantId, body: parseWith(leaveRoute.body, body) }, context));
  }

  @Post(':groupId/sessions')
  @HttpCode(201)
  session(@Param('groupId') groupId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new GroupActivityCommand(groupId, { kind: 'session', body: parseWith(scheduleSessionRoute.body, body) }, context));
  }

  @Put(':groupId/sessions/:sessionId/attendance')
  @HttpCode(200)
  attendance(@Param('groupId') groupId: string, @Param('sessionId') sessionId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new GroupActivityCommand(groupId, { kind: 'attendance', sessionId, body: parseWith(attendanceRoute.body, body) }, context));
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal) {
    const scope = [principal.org, principal.role, principal.role === 'therapist' ? principal.sub : ''].join('\u0000');
    return this.lists.answer(scope, `${this.directory.groupChanges}:${this.staff.changes}`, () => this.listOf(principal));
  }

  private listOf(principal: Principal) {
    // Facilitators by name beside their ids; researchers get no staff names (staff.controller.ts).
    const nameOf = principal.role === 'researcher' ? () => null : this.staff.namesOf(principal.org);
    const items = [...this.directory.groups.values()]
      .filter((g) => g.org === principal.org)
      .filter((g) => principal.role !== 'therapist' || g.facilitatorIds.includes(principal.sub))
      .map((g) => ({
        groupId: g.groupId,
        programId: g.programId,
        name: g.name,
        facilitatorIds: g.facilitatorIds,
        facilitators: g.facilitatorIds.map((userId) => ({ userId, name: nameOf(userId) })),
        startsOn: g.startsOn,
        closedOn: g.closedOn,
        activeMembers: sizeFor(principal, g.members.filter((m) => m.leftOn === null).length),
        sessions: g.sessionCount,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { items };
  }
}
