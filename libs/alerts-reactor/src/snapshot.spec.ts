import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#libs/events';
import { cohortAppends, DEMO_OPTIONS } from '#libs/synthetic';
import { replay } from '#testing/alerts-reactor';
import { reactorStateLines, restoreReactorLine } from './snapshot.js';
import { initialReactorState } from './state.js';

/** A generated organization (#libs/synthetic) as recorded events, the alerts the api raises included. */
function generatedEvents(): RecordedEvent[] {
  let position = 0n;
  const revisions = new Map<string, number>();
  return [...cohortAppends({ ...DEMO_OPTIONS, weeks: 10, today: '2026-11-26' })].flatMap(({ stream, events }) =>
    events.map((event) => {
      const revision = revisions.get(stream) ?? 0;
      revisions.set(stream, revision + 1);
      return { ...event, stream, revision, position: ++position };
    }),
  );
}

const restored = (lines: Iterable<string>) => {
  const state = initialReactorState();
  for (const line of lines) restoreReactorLine(state, line);
  return state;
};

describe('reactor state snapshots', () => {
  const events = generatedEvents();
  const full = replay(events);

  it('covers a state with open episodes, measures, attendance and raised alerts', () => {
    const episodes = [...full.state.episodes.values()].flatMap((m) => [...m.values()]);
    expect(episodes.length).toBeGreaterThan(10);
    expect(episodes.some((e) => e.measures.length > 0 && e.attendance.size > 0 && e.raisedAlertIds.size > 0)).toBe(true);
    expect(full.alerts.length).toBeGreaterThan(0);
  });

  it.each([0.25, 0.5, 0.9])('restored at %p of the log and folded on, equals the full replay and decides the same alerts', (fraction) => {
    const cut = Math.floor(events.length * fraction);
    const before = replay(events.slice(0, cut));
    const lines = [...reactorStateLines(before.state)];
    const after = replay(events.slice(cut), undefined, restored(lines));
    expect([...reactorStateLines(after.state)]).toEqual([...reactorStateLines(full.state)]);
    expect([...before.alerts, ...after.alerts]).toEqual(full.alerts);
  });

  it('gives back the same maps, in the same order, with the same shared episodes', () => {
    const state = restored(reactorStateLines(full.state));
    expect(state).toEqual(full.state);
    for (const [groupId, byParticipant] of state.groups) {
      for (const [participantId, episode] of byParticipant) expect(state.episodes.get(participantId)!.get(groupId)).toBe(episode);
    }
    expect([...state.groups.keys()]).toEqual([...full.state.groups.keys()]);
  });

  it('refuses a line it does not know', () => {
    expect(() => restoreReactorLine(initialReactorState(), JSON.stringify(['mystery', 1]))).toThrow(/unknown reactor snapshot line/);
  });
});
