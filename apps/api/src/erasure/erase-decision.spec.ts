import { describe, expect, it } from '@jest/globals';
import { NotFound } from '#libs/errors';
import type { EncryptedField, ParticipantEvent } from '#libs/events';
import { participantDecider } from '../participants/participant.decider.js';
import type { ParticipantState } from '../participants/participant.state.js';

const sealed: EncryptedField = { alg: 'A256GCM', keyId: 'p-1', iv: 'aXY=', tag: 'dGFn', ct: 'Y3Q=' };
const registered: ParticipantEvent = {
  type: 'ParticipantRegistered',
  data: { participantId: 'p-1', programId: 'prog-1', displayName: sealed, dateOfBirth: sealed, externalRef: null, ageBand: '30-39', gender: 'female', registeredOn: '2026-01-05' },
};
const fold = (events: ParticipantEvent[]): ParticipantState => events.reduce(participantDecider.evolve, participantDecider.initialState);
const erase = { kind: 'EraseParticipant', erasedAt: '2026-03-10T12:00:00.000Z' } as const;

describe('the erasure decision', () => {
  it('erases a registered participant once, with ids and the time only', () => {
    expect(participantDecider.decide(erase, fold([registered]))).toEqual([{ type: 'ParticipantErased', data: { participantId: 'p-1', programId: 'prog-1', erasedAt: erase.erasedAt } }]);
  });

  it('answers not found for an unknown participant and for a second erasure', () => {
    expect(() => participantDecider.decide(erase, fold([]))).toThrow(NotFound);
    const erased = fold([registered, ...participantDecider.decide(erase, fold([registered]))]);
    expect(() => participantDecider.decide(erase, erased)).toThrow(NotFound);
  });

  it('refuses every later fact about an erased participant', () => {
    const erased = fold([registered, { type: 'ParticipantErased', data: { participantId: 'p-1', programId: 'prog-1', erasedAt: erase.erasedAt } }]);
    const later = [
      { kind: 'ReachMilestone', data: { milestoneId: 'm-1', milestoneType: 'goal_achieved', label: null, achievedOn: '2026-03-01', value: null }, today: '2026-03-10' },
      { kind: 'RecordConsent', data: { scope: 'research', status: 'granted', recipient: null, recordedOn: '2026-03-01' }, today: '2026-03-10' },
      { kind: 'VoidMeasure', measureId: 'x', reason: sealed },
    ] as const;
    for (const command of later) expect(() => participantDecider.decide(command, erased)).toThrow(NotFound);
    expect(() => participantDecider.decide({ kind: 'RegisterParticipant', data: registered.data as never, dateOfBirth: '1990-01-01', today: '2026-03-10' }, erased)).toThrow('already exists');
  });
});
