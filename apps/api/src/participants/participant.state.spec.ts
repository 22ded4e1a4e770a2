import { describe, expect, it } from '@jest/globals';
import type { ParticipantEvent } from '#libs/events';
import { type ExistingParticipant, type ParticipantState, evolveParticipant } from './participant.state.js';

const sealed = { v: 1, iv: 'x', ct: 'y' } as never;
const registered: ParticipantEvent = {
  type: 'ParticipantRegistered',
  data: { participantId: 'a', programId: 'p', displayName: sealed, dateOfBirth: sealed, externalRef: null, ageBand: '25-34', gender: 'female', registeredOn: '2026-01-01' } as never,
};
const recorded = (i: number): ParticipantEvent =>
  ({ type: 'MeasureRecorded', data: { measureId: `m${i}`, participantId: 'a', programId: 'p', groupId: null, sessionId: null, instrument: 'PHQ-9', instrumentVersion: 1, items: [], administeredOn: '2026-01-02', score: {} } }) as never;
const voided = (i: number): ParticipantEvent => ({ type: 'MeasureVoided', data: { measureId: `m${i}`, participantId: 'a', programId: 'p', reason: sealed } });
const rescored = (i: number): ParticipantEvent => ({ type: 'MeasureRescored', data: { measureId: `m${i}`, participantId: 'a', programId: 'p', instrument: 'PHQ-9', instrumentVersion: 2, score: {} as never } });
const raised = (i: number): ParticipantEvent => ({
  type: 'AlertRaised',
  data: { alertId: `al${i}`, participantId: 'a', programId: 'p', groupId: null, alertType: 'deterioration', severity: 'high', message: 'm', measureId: `m${i}`, raisedAt: '2026-01-02T00:00:00Z' },
});
const acknowledged = (i: number): ParticipantEvent => ({ type: 'AlertAcknowledged', data: { alertId: `al${i}`, participantId: 'a', programId: 'p', note: null, acknowledgedAt: '2026-01-03T00:00:00Z' } });

const history: ParticipantEvent[] = [registered];
for (let i = 0; i < 150; i++) history.push(recorded(i), ...(i % 5 === 0 ? [raised(i)] : []));
for (let i = 0; i < 150; i += 10) history.push(voided(i), rescored(i + 1), acknowledged(i));

describe('evolveParticipant', () => {
  it('leaves every earlier state as it was (states are shared by the stream cache and retries)', () => {
    const states: ParticipantState[] = [{ exists: false }];
    const seen: string[] = [JSON.stringify(states[0])];
    for (const event of history) {
      states.push(evolveParticipant(states.at(-1)!, event));
      seen.push(JSON.stringify(states.at(-1)));
    }
    expect(states.map((s) => JSON.stringify(s))).toEqual(seen);
  });

  it('keeps the latest fact per measure and alert', () => {
    const state = history.reduce(evolveParticipant, { exists: false } as ParticipantState) as ExistingParticipant;
    expect(Object.keys(state.measures)).toHaveLength(150);
    expect(state.measures['m10']).toEqual({ measureId: 'm10', instrument: 'PHQ-9', instrumentVersion: 1, voided: true });
    expect(state.measures['m11']).toEqual({ measureId: 'm11', instrument: 'PHQ-9', instrumentVersion: 2, voided: false });
    expect(state.measures['m12']).toEqual({ measureId: 'm12', instrument: 'PHQ-9', instrumentVersion: 1, voided: false });
    expect(Object.keys(state.alerts)).toHaveLength(30);
    expect(state.alerts['al10']).toMatchObject({ acknowledged: true, acknowledgedAt: '2026-01-03T00:00:00Z' });
    expect(state.alerts['al5']).toMatchObject({ acknowledged: false, acknowledgedAt: null });
  });
});
