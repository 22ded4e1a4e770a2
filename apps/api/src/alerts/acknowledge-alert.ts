import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { NotFound } from '#libs/errors';
import { Clock } from '#libs/system';
import { CLINICAL_WRITERS, requireRole } from '../access/roles.js';
import type { CommandContext } from '../commands/command-context.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { ParticipantWriter } from '../measures/participant-writer.js';
import { defineRoute } from '../openapi/routes.js';
import { IdentityVault } from '../participants/identity-vault.js';
import type { AlertFact } from '../participants/participant.state.js';
import { shortText, writeResponse } from '../shared/schemas.js';
import { AlertBook } from './alert-book.js';

export const acknowledgeAlertRoute = defineRoute({
  method: 'post',
  path: '/alerts/{alertId}/acknowledge',
  summary: 'Acknowledge an alert (once), with an optional note that is encrypted',
  tag: 'alerts',
  status: 200,
  body: z.strictObject({ note: shortText(1000).optional() }),
});

export function alertView(alert: AlertFact) {
  const { alertId, alertType, severity, participantId, groupId, measureId, raisedAt, message, acknowledged, acknowledgedAt } = alert;
  return { alertId, type: alertType, severity, participantId, groupId, measureId, raisedAt, message, status: acknowledged ? 'acknowledged' : 'open', acknowledgedAt };
}

export class AcknowledgeAlertCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly alertId: string,
    readonly body: z.output<typeof acknowledgeAlertRoute.body>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * The alert book says whose alert it is; the participant's stream decides (unknown → 404,
 * twice → 422). A just-raised alert the book has not applied yet is waited for, not refused.
 */
@CommandHandler(AcknowledgeAlertCommand)
export class AcknowledgeAlertHandler implements ICommandHandler<AcknowledgeAlertCommand> {
  constructor(
    private readonly book: AlertBook,
    private readonly writer: ParticipantWriter,
    private readonly vault: IdentityVault,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ alertId, body, context }: AcknowledgeAlertCommand) {
    requireRole(context.principal, CLINICAL_WRITERS, 'acknowledge alerts');
    let entry = this.book.get(alertId);
    if (!entry) {
      await this.book.catchUp(this.config.minPositionWaitMs);
      entry = this.book.get(alertId);
    }
    if (!entry || entry.org !== context.principal.org) throw new NotFound('alert', alertId, 'ALERT_NOT_FOUND');
    const participantId = entry.participantId;
    const appended = await this.writer.write(participantId, context, 'acknowledge alerts of this participant', async () => ({
      kind: 'AcknowledgeAlert',
      alertId,
      note: body.note === undefined ? null : await this.vault.seal(participantId, body.note),
      acknowledgedAt: this.clock.now().toISOString(),
    }));
    return writeResponse(alertView(appended.participant.alerts[alertId]!), appended);
  }
}
