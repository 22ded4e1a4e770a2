import { Conflict, NotFound, RuleBroken } from '#libs/errors';
import type { AlertRaised, ConsentRecorded, EncryptedField, MeasureRecorded, MilestoneReached, ParticipantEvent, ParticipantRegistered } from '#libs/events';
import { criticalItemAlerts, type InstrumentDefinition, scoreResponse, validateResponse } from '#libs/instruments';
import type { Decider } from '../commands/decider.js';
import { assertNotInFuture } from '../shared/dates.js';
import { consentKey, evolveParticipant, type ExistingParticipant, type ParticipantState } from './participant.state.js';

type Owned<T> = Omit<T, 'participantId' | 'programId'>;

/**
 * `definition` is the instrument definition in force (the items were validated against it);
 * `alertIds` are fresh ids, at least one per critical-item rule of the definition.
 */
export interface RecordMeasure {
  kind: 'RecordMeasure';
  measure: Owned<Omit<MeasureRecorded['data'], 'score' | 'instrumentVersion'>>;
  definition: InstrumentDefinition;
  alertIds: readonly string[];
  raisedAt: string;
  today: string;
}

/** Applies `definition` to the given recorded measures whose latest score used another version. */
export interface RescoreMeasures {
  kind: 'RescoreMeasures';
  definition: InstrumentDefinition;
  measures: readonly { measureId: string; items: readonly (number | null)[] }[];
}

export type ParticipantCommand =
  | { kind: 'RegisterParticipant'; data: ParticipantRegistered['data']; dateOfBirth: string; today: string }
  | RecordMeasure
  | RescoreMeasures
  | { kind: 'VoidMeasure'; measureId: string; reason: EncryptedField }
  | { kind: 'ReachMilestone'; data: Owned<MilestoneReached['data']>; today: string }
  | { kind: 'RecordConsent'; data: Owned<ConsentRecorded['data']>; today: string }
  | { kind: 'AcknowledgeAlert'; alertId: string; note: EncryptedField | null; acknowledgedAt: string }
  | { kind: 'EraseParticipant'; erasedAt: string };

/**
 * Registration and the participant's own clinical facts: measures (with the critical-item
 * alerts decided in the same decision, OUTCOMES.md "Alerts"), re-scores, voids, milestones,
 * consents and alert acknowledgements, and erasure (PRIVACY.md; the key is destroyed by
 * apps/api/src/erasure after the ParticipantErased event is durable).
 */
export const participantDecider: Decider<ParticipantCommand, ParticipantState, ParticipantEvent> = {
  initialState: { exists: false },
  evolve: evolveParticipant,
  decide(command, state) {
    if (command.kind === 'RegisterParticipant') {
      if (state.exists) throw new Conflict('ID_TAKEN', `Participant ${command.data.participantId} already exists.`);
      assertNotInFuture('dateOfBirth', command.dateOfBirth, command.today);
      return [{ type: 'ParticipantRegistered', data: command.data }];
    }
    requireNotErased(state, '(unknown)');
    const ids = { participantId: state.participantId, programId: state.programId };
    switch (command.kind) {
      case 'RecordMeasure':
        return decideMeasure(state, command);
      case 'RescoreMeasures':
        return decideRescore(state, command);
      case 'VoidMeasure': {
        const measure = state.measures[command.measureId];
        if (!measure) throw new NotFound('measure', command.measureId, 'MEASURE_NOT_FOUND');
        if (measure.voided) throw new RuleBroken('MEASURE_ALREADY_VOIDED', `Measure ${command.measureId} is already voided.`);
        return [{ type: 'MeasureVoided', data: { measureId: command.measureId, ...ids, reason: command.reason } }];
      }
      case 'ReachMilestone':
        if (state.milestoneIds.includes(command.data.milestoneId)) throw new Conflict('ID_TAKEN', `Milestone ${command.data.milestoneId} already exists.`);
        assertNotInFuture('achievedOn', command.data.achievedOn, command.today);
        return [{ type: 'MilestoneReached', data: { ...command.data, ...ids } }];
      case 'RecordConsent': {
        const { scope, status, recipient, recordedOn } = command.data;
        assertNotInFuture('recordedOn', recordedOn, command.today);
        if (status === 'revoked' && state.consents[consentKey(scope, recipient)] !== 'granted') {
          throw new RuleBroken('CONSENT_NOT_GRANTED', `There is no granted ${scope} consent${recipient ? ' for this recipient' : ''} to revoke.`);
        }
        return [{ type: 'ConsentRecorded', data: { ...ids, ...command.data } }];
      }
      case 'EraseParticipant':
        // Erasing twice is 404 (requireNotErased above): the participant no longer exists.
        return [{ type: 'ParticipantErased', data: { ...ids, erasedAt: command.erasedAt } }];
      case 'AcknowledgeAlert': {
        const alert = state.alerts[command.alertId];
        if (!alert) throw new NotFound('alert', command.alertId, 'ALERT_NOT_FOUND');
        if (alert.acknowledged) throw new RuleBroken('ALERT_ALREADY_ACKNOWLEDGED', `Alert ${command.alertId} was already acknowledged at ${alert.acknowledgedAt}.`);
        return [{ type: 'AlertAcknowledged', data: { alertId: command.alertId, ...ids, note: command.note, acknowledgedAt: command.acknowledgedAt } }];
      }
    }
  },
};

function decideMeasure(state: ExistingParticipant, command: RecordMeasure): ParticipantEvent[] {
  const { measure, definition } = command;
  if (state.measures[measure.measureId]) throw new Conflict('ID_TAKEN', `Measure ${measure.measureId} already exists.`);
  assertNotInFuture('administeredOn', measure.administeredOn, command.today);
  const ids = { participantId: state.participantId, programId: state.programId };
  const recorded: MeasureRecorded = {
    type: 'MeasureRecorded',
    data: { ...measure, ...ids, instrument: definition.id, instrumentVersion: definition.version, score: scoreResponse(definition, measure.items) },
  };
  const alerts = criticalItemAlerts(definition, measure.items).map((alert, index): AlertRaised => {
    const alertId = command.alertIds[index];
    if (!alertId) throw new Error('RecordMeasure needs one alert id per critical-item rule.');
    const { groupId, measureId } = measure;
    return { type: 'AlertRaised', data: { alertId, ...ids, groupId, alertType: alert.type, severity: alert.severity, message: alert.message, measureId, raisedAt: command.raisedAt } };
  });
  return [recorded, ...alerts];
}

/** Never edits an old fact: a MeasureRescored beside it. A measure already at this version is skipped. */
function decideRescore(state: ExistingParticipant, command: RescoreMeasures): ParticipantEvent[] {
  const { definition } = command;
  const events = command.measures.flatMap(({ measureId, items }): ParticipantEvent[] => {
    const fact = state.measures[measureId];
    if (!fact || fact.instrument !== definition.id || fact.instrumentVersion === definition.version) return [];
    // A version that changed the item list cannot score old answers: leave them as they were.
    if (validateResponse(definition, items).length > 0) return [];
    const data = { measureId, participantId: state.participantId, programId: state.programId, instrument: definition.id, instrumentVersion: definition.version, score: scoreResponse(definition, items) };
    return [{ type: 'MeasureRescored', data }];
  });
  if (events.length === 0) throw new RuleBroken('NOTHING_TO_RESCORE', `Every measure given is already scored with ${definition.id} version ${definition.version}.`);
  return events;
}

export function requireNotErased(state: ParticipantState, participantId: string): asserts state is Extract<ParticipantState, { exists: true }> {
  if (!state.exists || state.erased) throw new NotFound('participant', participantId, 'PARTICIPANT_NOT_FOUND');
}
