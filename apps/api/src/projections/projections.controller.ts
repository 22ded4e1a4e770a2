import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { Principal } from '#libs/jwt';
import { requireRole } from '../access/roles.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { ProjectionRebuilder } from './projection-rebuilder.js';
import { projectionsRoutes as routes } from './projections.routes.js';

/**
 * Rebuild of the analytics projections. Admins only: it is an operation on the deployment (every
 * organization's tables are rebuilt from the log), not on clinical data, so directors do not get it.
 */
@Controller('api/v1/admin/projections')
export class ProjectionsController {
  constructor(private readonly rebuilder: ProjectionRebuilder) {}

  @Post('rebuild')
  @HttpCode(routes.rebuild.status)
  rebuild(@CurrentPrincipal() principal: Principal) {
    requireRole(principal, ['admin'], 'rebuild the analytics projections');
    return this.rebuilder.start();
  }

  @Get('rebuild')
  status(@CurrentPrincipal() principal: Principal) {
    requireRole(principal, ['admin'], 'see the projection rebuild');
    return this.rebuilder.status();
  }
}
