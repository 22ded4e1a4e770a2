import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import type { CommandContext } from '../commands/command-context.js';
import { ParticipantWriter } from '../measures/participant-writer.js';
import { defineRoute } from '../openapi/routes.js';
import { calendarDate, shortText, writeResponse } from '../shared/schemas.js';

export const recordConsentRoute = defineRoute({
  method: 'post',
  path: '/participants/{participantId}/consents',
  summary: 'Grant or revoke a consent (treatment/payment/operations, research, or disclosure to a named recipient)',
  tag: 'consents',
  status: 200,
  body: z
    .strictObject({
      scope: z.enum(['tpo', 'research', 'recipient']),
      status: z.enum(['granted', 'revoked']),
      // The receiving organization or programme (42 CFR Part 2 consent names it), not the participant.
      recipient: shortText(200).optional(),
      recordedOn: calendarDate,
    })
    .superRefine((body, ctx) => {
      if (body.scope === 'recipient' && body.recipient === undefined) ctx.addIssue({ code: 'custom', path: ['recipient'], message: "is required when scope is 'recipient'" });
      if (body.scope !== 'recipient' && body.recipient !== undefined) ctx.addIssue({ code: 'custom', path: ['recipient'], message: "is allowed only when scope is 'recipient'" });
    }),
});

export class RecordConsentCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly participantId: string,
    readonly body: z.output<typeof recordConsentRoute.body>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordConsentCommand)
export class RecordConsentHandler implements ICommandHandler<RecordConsentCommand> {
  constructor(private readonly writer: ParticipantWriter) {}

  async execute({ participantId, body, context }: RecordConsentCommand) {
    const data = { scope: body.scope, status: body.status, recipient: body.recipient ?? null, recordedOn: body.recordedOn };
    const appended = await this.writer.write(participantId, context, 'record consents of this participant', (_participant, today) => ({ kind: 'RecordConsent', data, today }));
    return writeResponse({ participantId, ...data }, appended);
  }
}
