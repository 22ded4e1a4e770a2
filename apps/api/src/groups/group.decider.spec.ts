import { describe, expect, it } from '@jest/globals';
import type { GroupEvent } from '#libs/events';
import { foldState } from '../commands/decider.js';
import { groupDecider } from './group.decider.js';
import { enrolledOn, type ExistingGroup } from './group.state.js';

const history: GroupEvent[] = [
  { type: 'GroupCreated', data: { groupId: 'g', programId: 'p', name: 'G', facilitatorIds: ['t'], startsOn: '2026-01-01' } },
  { type: 'MemberJoined', data: { groupId: 'g', programId: 'p', participantId: 'a', joinedOn: '2026-01-05' } },
  { type: 'MemberLeft', data: { groupId: 'g', programId: 'p', participantId: 'a', joinedOn: '2026-01-05', leftOn: '2026-02-01', reason: 'completed' } },
  { type: 'SessionScheduled', data: { groupId: 'g', programId: 'p', sessionId: 's1', date: '2026-02-01', durationMinutes: null } },
];

describe('group decider (pure)', () => {
  const state = foldState(groupDecider, history) as ExistingGroup;

  it('counts a member enrolled from joinedOn up to, not including, leftOn', () => {
    expect(enrolledOn(state, 'a', '2026-01-04')).toBe(false);
    expect(enrolledOn(state, 'a', '2026-01-05')).toBe(true);
    expect(enrolledOn(state, 'a', '2026-01-31')).toBe(true);
    expect(enrolledOn(state, 'a', '2026-02-01')).toBe(false);
  });

  it('refuses attendance on the day a member left', () => {
    expect(() => groupDecider.decide({ kind: 'RecordAttendance', sessionId: 's1', records: [{ participantId: 'a', status: 'present' }], today: '2026-03-01' }, state)).toThrow(/Not enrolled/);
  });

  it('lets a member rejoin after leaving, not before the previous leave', () => {
    expect(() => groupDecider.decide({ kind: 'JoinMember', participantId: 'a', participantProgramId: 'p', joinedOn: '2026-01-20', today: '2026-03-01' }, state)).toThrow(/OVERLAPPING|previous membership/);
    const events = groupDecider.decide({ kind: 'JoinMember', participantId: 'a', participantProgramId: 'p', joinedOn: '2026-02-01', today: '2026-03-01' }, state);
    expect(events).toEqual([{ type: 'MemberJoined', data: { groupId: 'g', programId: 'p', participantId: 'a', joinedOn: '2026-02-01' } }]);
  });

  it('refuses a session of a future date for attendance', () => {
    expect(() => groupDecider.decide({ kind: 'RecordAttendance', sessionId: 's1', records: [], today: '2026-01-31' }, state)).toThrow(/has not happened yet/);
  });
});
