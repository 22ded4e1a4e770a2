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
import { AlertBook } from './alert-book.js';
import { AlertItemBytes, alertListBody } from './alert-list-body.js';
import { idList } from '../shared/schemas.js';

const listRoute = defineRoute({
  method: 'get',
  path: '/alerts',
  summary: 'Alerts in the caller scope, newest first, with the count of all that match (`total`); filters combine; at most `limit` items when given',
  tag: 'alerts',
  status: 200,
  query: z.object({
    status: z.enum(['open', 'acknowledged']).optional(),
    type: z.string().max(100).optional(),
    // One id or several, comma-separated (the member table asks for a group's members at once).
    participantId: idList.optional(),
    groupId: z.string().max(100).optional(),
    // Without it, every match: an inbox page asks for fewer (an organization of 10 M events has
    // ~33 000 alerts) and reads `total` for the rest.
    limit: z.coerce.number().int().min(1).optional(),
    minPosition: z.string().optional(),
  }),
});

defineRoute({ method: 'get', path: '/alerts/banner', summary: "The dashboard banner: this process's recent critical alerts still open, in the caller scope", tag: 'alerts', status: 200 });

@Controller('api/v1/alerts')
export class AlertsController {
  /** Each alert's JSON, kept between requests (alert-list-body.ts). */
  private readonly itemBytes = new AlertItemBytes();

  constructor(
    private readonly commands: CommandBus,
    private readonly book: AlertBook,
    private readonly banner: AlertBanner,
    private readonly access: ParticipantAccess,
  ) {}

  @Get()
  list(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    requireRole(principal, CLINICAL_WRITERS, 'read alerts');
    const { status, type, participantId, groupId, limit } = parseWith(listRoute.query, query);
    const visible = this.access.visibleTo(principal);
    const participants = participantId ? new Set(participantId) : null;
    // The book keeps its alerts newest first, so the matches are in order and a page is their start.
    const matching = this.book
      .newestFirst()
      .filter((a) => a.org === principal.org && (!status || a.status === status) && (!type || a.type === type) && (!groupId || a.groupId === groupId) && (!participants || participants.has(a.participantId)) && visible(a.participantId));
    const page = limit === undefined || limit >= matching.length ? matching : matching.slice(0, limit);
    return alertListBody(
      page.map((alert) => this.itemBytes.of(alert)),
      matching.length,
    );
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
