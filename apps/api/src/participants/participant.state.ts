import type { AlertRaised, ConsentScope, ConsentStatus, ParticipantEvent } from '#libs/events';
import { type SharedRecord, emptyRecord, withEntry } from '../commands/shared-record.js';

export interface MeasureFact {
  readonly measureId: string;
  readonly instrument: string;
  /** The definition version of the latest score fact (recorded, or a later re-score). */
  readonly instrumentVersion: number;
  readonly voided: boolean;
}

export interface AlertFact extends Omit<AlertRaised['data'], 'programId'> {
  readonly acknowledged: boolean;
  readonly acknowledgedAt: string | null;
}

export type ParticipantState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly participantId: string;
      readonly programId: string;
      readonly erased: boolean;
      /** measures and alerts grow with every questionnaire: updated with withEntry, not copied per event. */
      readonly measures: SharedRecord<MeasureFact>;
      readonly milestoneIds: readonly string[];
      readonly alerts: SharedRecord<AlertFact>;
      readonly consents: Readonly<Partial<Record<string, ConsentStatus>>>;
    };

export type ExistingParticipant = Extract<ParticipantState, { exists: true }>;

export function consentKey(scope: ConsentScope, recipient: string | null): string {
  return scope === 'recipient' ? `recipient:${recipient}` : scope;
}

export function evolveParticipant(state: ParticipantState, event: ParticipantEvent): ParticipantState {
  if (event.type === 'ParticipantRegistered') {
    return { exists: true, participantId: event.data.participantId, programId: event.data.programId, erased: false, measures: emptyRecord(), milestoneIds: [], alerts: emptyRecord(), consents: {} };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'MeasureRecorded':
      return { ...state, measures: withEntry(state.measures, event.data.measureId, { measureId: event.data.measureId, instrument: event.data.instrument, instrumentVersion: event.data.instrumentVersion, voided: false }) };
    case 'MeasureVoided': {
      const measure = state.measures[event.data.measureId];
      return measure ? { ...state, measures: withEntry(state.measures, event.data.measureId, { ...measure, voided: true }) } : state;
    }
    case 'MeasureRescored': {
      const measure = state.measures[event.data.measureId];
      return measure ? { ...state, measures: withEntry(state.measures, event.data.measureId, { ...measure, instrumentVersion: event.data.instrumentVersion }) } : state;
    }
    case 'AlertRaised': {
      const { programId: _programId, ...alert } = event.data;
      return { ...state, alerts: withEntry(state.alerts, event.data.alertId, { ...alert, acknowledged: false, acknowledgedAt: null }) };
    }
    case 'AlertAcknowledged': {
      const alert = state.alerts[event.data.alertId];
      return alert ? { ...state, alerts: withEntry(state.alerts, event.data.alertId, { ...alert, acknowledged: true, acknowledgedAt: event.data.acknowledgedAt }) } : state;
    }
    case 'MilestoneReached':
      return { ...state, milestoneIds: [...state.milestoneIds, event.data.milestoneId] };
    case 'ConsentRecorded':
      return { ...state, consents: { ...state.consents, [consentKey(event.data.scope, event.data.recipient)]: event.data.status } };
    case 'ParticipantErased':
      return { ...state, erased: true };
  }
}
