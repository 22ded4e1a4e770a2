import { describe, expect, it } from '@jest/globals';
import type { ParticipantEvent } from '#libs/events';
import { getInstrument, type InstrumentDefinition } from '#libs/instruments';
import { foldState } from '../commands/decider.js';
import { participantDecider, type RecordMeasure } from '../participants/participant.decider.js';

const phq9 = getInstrument('PHQ-9')!;
const registered: ParticipantEvent = {
  type: 'ParticipantRegistered',
  data: { participantId: 'p1', programId: 'prog', displayName: null as never, dateOfBirth: null as never, externalRef: null, ageBand: '30-39', gender: 'unknown', registeredOn: '2026-01-01' },
};
const record = (measureId: string, items: (number | null)[], definition: InstrumentDefinition = phq9): RecordMeasure => ({
  kind: 'RecordMeasure',
  measure: { measureId, instrument: definition.id, items, administeredOn: '2026-02-02', sessionId: null, groupId: null },
  definition,
  alertIds: ['alert-1'],
  raisedAt: '2026-02-02T10:00:00.000Z',
  today: '2026-02-03',
});
const stateAfter = (...events: ParticipantEvent[]) => foldState(participantDecider, [registered, ...events]);

describe('participant decider: measures and their alerts', () => {
  it('decides the critical-item alert with the measure, with the id the command brought', () => {
    const events = participantDecider.decide(record('m1', [0, 0, 0, 0, 0, 0, 0, 0, 2]), stateAfter());
    expect(events.map((e) => e.type)).toEqual(['MeasureRecorded', 'AlertRaised']);
    expect(events[1]!.data).toMatchObject({ alertId: 'alert-1', measureId: 'm1', alertType: 'critical_item', severity: 'high', raisedAt: '2026-02-02T10:00:00.000Z' });
  });

  it('raises nothing when item 9 is 0, whatever the total', () => {
    expect(participantDecider.decide(record('m1', [3, 3, 3, 3, 3, 3, 3, 3, 0]), stateAfter()).map((e) => e.type)).toEqual(['MeasureRecorded']);
  });

  it('refuses to invent an alert id (a caller bug)', () => {
    expect(() => participantDecider.decide({ ...record('m1', [0, 0, 0, 0, 0, 0, 0, 0, 1]), alertIds: [] }, stateAfter())).toThrow(/alert id/);
  });
});

describe('participant decider: re-scoring', () => {
  const v2: InstrumentDefinition = { ...phq9, version: 2, bands: [{ min: 0, max: 27, label: 'any' }] };
  const recorded = participantDecider.decide(record('m1', [1, 1, 1, 1, 1, 1, 1, 1, 0]), stateAfter())[0]!;

  it('adds a MeasureRescored with the new version and score', () => {
    const events = participantDecider.decide({ kind: 'RescoreMeasures', definition: v2, measures: [{ measureId: 'm1', items: [1, 1, 1, 1, 1, 1, 1, 1, 0] }] }, stateAfter(recorded));
    expect(events).toEqual([{ type: 'MeasureRescored', data: { measureId: 'm1', participantId: 'p1', programId: 'prog', instrument: 'PHQ-9', instrumentVersion: 2, score: { total: 8, band: 'any', caseness: false, valid: true } } }]);
  });

  it('finds nothing to do once a measure carries the version, and skips answers the version cannot score', () => {
    const rescored = participantDecider.decide({ kind: 'RescoreMeasures', definition: v2, measures: [{ measureId: 'm1', items: [1, 1, 1, 1, 1, 1, 1, 1, 0] }] }, stateAfter(recorded))[0]!;
    expect(() => participantDecider.decide({ kind: 'RescoreMeasures', definition: v2, measures: [{ measureId: 'm1', items: [1, 1, 1, 1, 1, 1, 1, 1, 0] }] }, stateAfter(recorded, rescored))).toThrow(
      expect.objectContaining({ code: 'NOTHING_TO_RESCORE' }),
    );
    const tenItems: InstrumentDefinition = { ...v2, version: 3, items: [...phq9.items, { ...phq9.items[0]!, key: 'item10' }] };
    expect(() => participantDecider.decide({ kind: 'RescoreMeasures', definition: tenItems, measures: [{ measureId: 'm1', items: [1, 1, 1, 1, 1, 1, 1, 1, 0] }] }, stateAfter(recorded))).toThrow(
      expect.objectContaining({ code: 'NOTHING_TO_RESCORE' }),
    );
  });
});

describe('participant decider: consents', () => {
  const consent = (status: 'granted' | 'revoked', scope: 'tpo' | 'recipient' = 'tpo', recipient: string | null = null) => ({
    kind: 'RecordConsent' as const,
    data: { scope, status, recipient, recordedOn: '2026-02-01' },
    today: '2026-02-03',
  });

  it('revokes only what is granted, per scope and recipient', () => {
    expect(() => participantDecider.decide(consent('revoked'), stateAfter())).toThrow(expect.objectContaining({ code: 'CONSENT_NOT_GRANTED' }));
    const granted = participantDecider.decide(consent('granted', 'recipient', 'A'), stateAfter());
    expect(participantDecider.decide(consent('revoked', 'recipient', 'A'), stateAfter(...granted))).toHaveLength(1);
    expect(() => participantDecider.decide(consent('revoked', 'recipient', 'B'), stateAfter(...granted))).toThrow(expect.objectContaining({ code: 'CONSENT_NOT_GRANTED' }));
  });
});
