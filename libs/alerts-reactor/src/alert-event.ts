import { type AlertRaised, type NewEvent, SCHEMA_VERSION, streams } from '#libs/events';
import type { AlertDecision } from './decision.js';
import { REACTOR_ACTOR } from './evolve.js';

export type AlertRaisedEvent = NewEvent<'AlertRaised', AlertRaised['data']>;

/**
 * The AlertRaised event of a decision, for the participant's stream. Its event id is
 * derived from the cause, so re-appending it after a crash or a replay is a no-op.
 * A tick has no cause event: its correlation id is the alert's own id.
 */
export function toAlertRaised(decision: AlertDecision, recordedAt: Date): { stream: string; event: AlertRaisedEvent } {
  const { alertId, participantId, programId, groupId, alertType, severity, message, measureId, raisedAt } = decision;
  return {
    stream: streams.participant(participantId),
    event: {
      eventId: decision.eventId,
      type: 'AlertRaised',
      schemaVersion: SCHEMA_VERSION,
      data: { alertId, participantId, programId, groupId, alertType, severity, message, measureId, raisedAt },
      metadata: {
        org: decision.org,
        actor: { ...REACTOR_ACTOR },
        occurredAt: raisedAt,
        recordedAt: recordedAt.toISOString(),
        correlationId: decision.cause?.correlationId ?? alertId,
        causationId: decision.cause?.eventId ?? null,
      },
    },
  };
}
