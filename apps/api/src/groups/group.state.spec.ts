import { describe, expect, it } from '@jest/globals';
import type { GroupEvent } from '#libs/events';
import { type ExistingGroup, type GroupState, evolveGroup } from './group.state.js';

const created: GroupEvent = { type: 'GroupCreated', data: { groupId: 'g', programId: 'p', name: 'G', facilitatorIds: ['t'], startsOn: '2026-01-01' } };
const scheduled = (i: number): GroupEvent => ({ type: 'SessionScheduled', data: { groupId: 'g', programId: 'p', sessionId: `s${i}`, date: `2026-02-${String((i % 28) + 1).padStart(2, '0')}`, durationMinutes: 90 } });
const attended = (i: number, status: 'present' | 'absent'): GroupEvent => ({
  type: i % 2 ? 'AttendanceCorrected' : 'AttendanceRecorded',
  data: { groupId: 'g', programId: 'p', sessionId: `s${i}`, date: '2026-02-01', records: [{ participantId: 'a', status }] },
});

/** Enough sessions that the shared record merges its overlay several times. */
const history: GroupEvent[] = [created];
for (let i = 0; i < 120; i++) history.push(scheduled(i), attended(i, 'present'));
for (let i = 0; i < 120; i += 7) history.push(attended(i, 'absent'));

describe('evolveGroup', () => {
  it('leaves every earlier state as it was (states are shared by the stream cache and retries)', () => {
    const states: GroupState[] = [{ exists: false }];
    const seen: string[] = [JSON.stringify(states[0])];
    for (const event of history) {
      states.push(evolveGroup(states.at(-1)!, event));
      seen.push(JSON.stringify(states.at(-1)));
    }
    expect(states.map((s) => JSON.stringify(s))).toEqual(seen);
    // Two different next events from one state do not see each other.
    const middle = states[100]!;
    const one = evolveGroup(middle, scheduled(500)) as ExistingGroup;
    const other = evolveGroup(middle, scheduled(501)) as ExistingGroup;
    expect([one.sessions['s500'] !== undefined, one.sessions['s501'] !== undefined, other.sessions['s501'] !== undefined]).toEqual([true, false, true]);
  });

  it('keeps each session with its latest attendance', () => {
    const state = history.reduce(evolveGroup, { exists: false } as GroupState) as ExistingGroup;
    expect(Object.keys(state.sessions)).toHaveLength(120);
    expect(state.sessions['s7']).toEqual({ date: '2026-02-08', durationMinutes: 90, attendance: { a: 'absent' } });
    expect(state.sessions['s8']).toEqual({ date: '2026-02-09', durationMinutes: 90, attendance: { a: 'present' } });
    expect(state.sessions['s120']).toBeUndefined();
  });
});
