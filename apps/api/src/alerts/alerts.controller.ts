import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import type { Principal } from '#libs/jwt';
import { CLINICAL_WRITERS, requireRole } from '../access/roles.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import type { CommandContext } from '../commands/command-context.js';
import { Ctx } from '../commands/context.decorator.js';
import { parseWith } from '../http/validation.js';
import { ParticipantAccess } from '../measures/participant-access.js';
import { AlertBanner } from '../notifications/alert-banner.js';
import { defineRoute } from '../openapi/routes.js';
import { AcknowledgeAlertCommand, acknowledgeAlertRoute } from './acknowledge-alert.js';
import { AlertBook, type AlertEntry } from './alert-book.js';

const listRoute = defineRoute({
  method: 'get',
  path: '/alerts',
  summary: 'Alerts in the caller scope, newest first, optionally by status; at most `limit` when given',
  tag: 'alerts',
  status: 200,
  query: z.object({
    status: z.enum(['open', 'acknowledged']).optional(),
    // Without it, all: the dashboard's critical banner and member table count the open ones from
    // this list. An inbox page can ask for fewer (an organization of 10 M events has ~33 000).
    limit: z.coerce.number().int().min(1).optional(),
    minPosition: z.string().optional(),
  }),
});

/**
 * Newest first; the alert id breaks ties so the order is the same on every request. Plain
 * comparison: ISO instants sort as strings, and localeCompare over ~33 000 alerts (10 M events)
 * was most of the request's 136 ms of CPU (docs/benchmarks.md).
 */
const newestFirst = (a: AlertEntry, b: AlertEntry): number =>
  a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : a.alertId < b.alertId ? 1 : a.alertId > b.alertId ? -1 : 0;
defineRoute({ method: 'get', path: '/alerts/banner', summary: "The dashboard banner: this process's recent critical alerts still open, in the caller scope", tag: 'alerts', status: 200 });

@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly book: AlertBook,
    private readonly banner: AlertBanner,
    private readonly access: ParticipantAccess,
  ) {}

  @Get()
  list(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    requireRole(principal, CLINICAL_WRITERS, 'read alerts');
    const { status, limit } = parseWith(listRoute.query, query);
    const visible = this.access.visibleTo(principal);
    const items = this.book
      .list()
      .filter((a) => a.org === principal.org && visible(a.participantId) && (!status || a.status === status))
      .sort(newestFirst)
      .slice(0, limit ?? Infinity)
      .map(({ alertId, type, severity, participantId, groupId, measureId, raisedAt, message, status: state, acknowledgedAt }) => ({
        alertId,
        type,
        severity,
        participantId,
        groupId,
        measureId,
        raisedAt,
        message,
        status: state,
        acknowledgedAt,
      }));
    return { items };
  }

  @Get('banner')
  bannerItems(@CurrentPrincipal() principal: Principal) {
    requireRole(principal, CLINICAL_WRITERS, 'see the alert banner');
    const visible = this.access.visibleTo(principal);
    const items = this.banner
      .recent()
      .filter((n) => n.org === principal.org && visible(n.participantId) && !this.book.isErased(n.participantId) && this.book.get(n.alertId)?.status !== 'acknowledged')
      .map(({ org: _org, ...notice }) => notice);
    return { items };
  }

  @Post(':alertId/acknowledge')
  @HttpCode(200)
  acknowledge(@Param('alertId') alertId: string, @Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new AcknowledgeAlertCommand(alertId, parseWith(acknowledgeAlertRoute.body, body), context));
  }
}
