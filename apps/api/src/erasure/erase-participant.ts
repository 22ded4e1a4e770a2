import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { KeyStore } from '#libs/crypto-shredding';
import { streams } from '#libs/events';
import { Clock } from '#libs/system';
import { MANAGERS, requireRole } from '../access/roles.js';
import { AuditTrail } from '../audit/audit-trail.js';
import type { Purpose } from '../audit/purpose.js';
import type { CommandContext } from '../commands/command-context.js';
import { StreamExecutor } from '../commands/stream-executor.js';
import { defineRoute } from '../openapi/routes.js';
import { participantDecider } from '../participants/participant.decider.js';

export const eraseParticipantRoute = defineRoute({
  method: 'delete',
  path: '/participants/{participantId}',
  summary: "Erase a participant (crypto-shredding: their data key is destroyed, their analytics rows removed). Directors and admins; again → 404.",
  tag: 'participants',
  status: 200,
});

export interface ErasureReceipt {
  readonly participantId: string;
  readonly erasedAt: string;
  readonly keyDestroyed: true;
  readonly eventIds: readonly string[];
  readonly revision: number;
  readonly position: string;
}

export class EraseParticipantCommand extends Command<ErasureReceipt> {
  constructor(
    readonly participantId: string,
    readonly purpose: Purpose,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Erasure (PRIVACY.md): append ParticipantErased, then destroy the data key, then audit.
 * Why this order: the event is the durable decision. Once it is appended the participant is
 * gone from every reader (Directory, AlertBook, the projector removes the analytics rows) and
 * no later write can succeed (the decider answers 404), even if we crash before the key is
 * destroyed; KeyShredder then destroys the leftover key at the next start. The other order
 * could crash after destroying the key but before recording why: the participant would still
 * be listed (with unreadable fields) and keep their analytics rows, with no event to say so.
 */
@CommandHandler(EraseParticipantCommand)
export class EraseParticipantHandler implements ICommandHandler<EraseParticipantCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly keys: KeyStore,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute({ participantId, purpose, context }: EraseParticipantCommand): Promise<ErasureReceipt> {
    requireRole(context.principal, MANAGERS, 'erase participants');
    const erasedAt = this.clock.now().toISOString();
    const appended = await this.executor.execute(streams.participant(participantId), participantDecider, { kind: 'EraseParticipant', erasedAt }, context, {
      mustExist: { what: 'participant', id: participantId },
    });
    await this.keys.destroyKey(participantId);
    await this.audit.record(context.principal, { action: 'participant.erase', resource: `participants/${participantId}`, purpose, subjects: [participantId] });
    return { participantId, erasedAt, keyDestroyed: true, eventIds: appended.eventIds, revision: appended.revision, position: appended.position };
  }
}
