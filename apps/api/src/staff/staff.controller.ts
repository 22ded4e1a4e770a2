import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '#libs/jwt';
import { CLINICAL_WRITERS, requireRole } from '../access/roles.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import type { CommandContext } from '../commands/command-context.js';
import { Ctx } from '../commands/context.decorator.js';
import { defineRoute } from '../openapi/routes.js';
import { NameStaffMemberCommand } from './name-staff-member.js';
import { StaffDirectory } from './staff-directory.js';

defineRoute({ method: 'get', path: '/staff', summary: "The organization's named staff: {items: [{userId, name}]} (not for researchers)", tag: 'staff', status: 200 });

/**
 * The staff directory. Researchers get 403 on the list (and no names in analytics answers):
 * their views are de-identified and aggregate (PRIVACY.md "Access"), and a therapist's name
 * beside a small breakdown says more about the people in it than its id does.
 */
@Controller('api/v1/staff')
export class StaffController {
  constructor(
    private readonly commands: CommandBus,
    private readonly staff: StaffDirectory,
  ) {}

  @Put(':userId')
  @HttpCode(200)
  name(@Param('userId') userId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(NameStaffMemberCommand.from(userId, body, context));
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal) {
    requireRole(principal, CLINICAL_WRITERS, 'list staff names');
    return { items: this.staff.list(principal.org) };
  }
}
