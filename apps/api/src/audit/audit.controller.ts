import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { ValidationFailed } from '#libs/errors';
import type { Principal } from '#libs/jwt';
import { Clock } from '#libs/system';
import { MANAGERS, requireRole } from '../access/roles.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { parseWith } from '../http/validation.js';
import { defineRoute } from '../openapi/routes.js';
import { calendarDate } from '../shared/schemas.js';
import { AuditTrail, daysBetween, MAX_AUDIT_DAYS } from './audit-trail.js';

export const auditRoute = defineRoute({
  method: 'get',
  path: '/audit',
  summary: `Audit records (who, role, action, resource, purpose) of the UTC days from..to inclusive (default today; at most ${MAX_AUDIT_DAYS} days). Directors and admins.`,
  tag: 'audit',
  status: 200,
  query: z
    .object({ from: calendarDate.optional(), to: calendarDate.optional(), minPosition: z.string().optional() })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] }),
});

@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly trail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    requireRole(principal, MANAGERS, 'read the audit trail');
    const today = this.clock.now().toISOString().slice(0, 10);
    const parsed = parseWith(auditRoute.query, query);
    const to = parsed.to ?? (parsed.from && parsed.from > today ? parsed.from : today);
    const from = parsed.from ?? to;
    if (daysBetween(from, to).length > MAX_AUDIT_DAYS) {
      throw new ValidationFailed([{ path: '/to', message: `at most ${MAX_AUDIT_DAYS} days per request` }]);
    }
    const items = await this.trail.read(principal.org, from, to);
    return { items: items.map(({ at, actor, role, action, resource, purpose, subjects }) => ({ at, actor, role, action, resource, purpose, subjects })) };
  }
}
