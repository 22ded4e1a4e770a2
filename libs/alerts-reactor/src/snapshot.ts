import { MeasureLog } from './measure-log.js';
import { SmallMap, SmallSet } from './small-collections.js';
import { attendanceOf, shared, sharedId } from './shared-values.js';
import type { Episode, ProgramInfo, ReactorState } from './state.js';

/** Bump when ReactorState or these lines change: an older snapshot then means a replay from 0. */
export const REACTOR_SNAPSHOT_VERSION = 1;

/**
 * Where the reactor keeps snapshots of its state (the api passes its SnapshotFiles): `write`
 * reads `lines` while it writes, between two events (the reactor holds its lane until it
 * resolves, so the state cannot change meanwhile), `read` streams the lines back and answers the
 * event the state reflects, or null when there is no usable snapshot.
 */
export interface StateSnapshots {
  read(name: string, version: number, onLine: (line: string) => void): Promise<{ position: bigint; eventId: string } | null>;
  write(name: string, version: number, at: { position: bigint; eventId: string }, lines: Iterable<string>): Promise<void>;
}

/** Snapshots for the Nest runner (a class: it doubles as the optional DI token). */
export class ReactorSnapshots {
  constructor(
    readonly store: StateSnapshots,
    /** Save after this many events handled since the last snapshot (and at stop, and after an erasure). */
    readonly everyEvents: number,
  ) {}
}

type MeasureRow = [measureId: string, instrument: string, value: number, administeredOn: string, sessionId: string | null, position: string];
type EpisodeRow = Omit<Episode, 'measures' | 'attendance' | 'raisedAlertIds' | 'alertedMissedSessions'> & {
  measures: MeasureRow[];
  attendance: [sessionId: string, date: string, attended: boolean][];
  raisedAlertIds: string[];
  alertedMissedSessions: string[];
};
type Line = ['program', string, ProgramInfo] | ['episode', EpisodeRow] | ['group', string, string[]] | ['erased', string];

/**
 * The reactor's state as lines, in the maps' iteration order (ticks decide in that order, so a
 * restored state decides exactly as the replayed one): programs, episodes by participant, then
 * the group index as ids pointing at those episodes, then the erased ids.
 */
export function* reactorStateLines(state: ReactorState): Generator<string> {
  for (const [programId, info] of state.programs) yield JSON.stringify(['program', programId, info] satisfies Line);
  for (const byGroup of state.episodes.values()) {
    for (const e of byGroup.values()) {
      const row: EpisodeRow = {
        ...e,
        measures: e.measures.all().map((m): MeasureRow => [m.measureId, m.instrument, m.value, m.administeredOn, m.sessionId, String(m.position)]),
        attendance: [...e.attendance].map(([sessionId, a]) => [sessionId, a.date, a.attended]),
        raisedAlertIds: [...e.raisedAlertIds],
        alertedMissedSessions: [...e.alertedMissedSessions],
      };
      yield JSON.stringify(['episode', row] satisfies Line);
    }
  }
  for (const [groupId, byParticipant] of state.groups) yield JSON.stringify(['group', groupId, [...byParticipant.keys()]] satisfies Line);
  for (const id of state.erased) yield JSON.stringify(['erased', id] satisfies Line);
}

/** Applies one line of reactorStateLines to `state` (start from initialReactorState()). */
export function restoreReactorLine(state: ReactorState, text: string): void {
  const line = JSON.parse(text) as Line;
  switch (line[0]) {
    case 'program':
      state.programs.set(line[1], line[2]);
      return;
    case 'episode': {
      const row = line[1];
      const episode: Episode = {
        ...row,
        org: shared(row.org),
        programId: sharedId(row.programId),
        groupId: sharedId(row.groupId),
        joinedOn: shared(row.joinedOn),
        measures: restoreMeasures(row.measures),
        attendance: new SmallMap(row.attendance.map(([sessionId, date, attended]) => [sharedId(sessionId), attendanceOf(date, attended)] as const)),
        raisedAlertIds: new SmallSet(row.raisedAlertIds),
        alertedMissedSessions: new SmallSet(row.alertedMissedSessions),
      };
      const byGroup = state.episodes.get(episode.participantId) ?? new Map<string, Episode>();
      byGroup.set(episode.groupId, episode);
      state.episodes.set(episode.participantId, byGroup);
      return;
    }
    case 'group': {
      const [, groupId, participantIds] = line;
      const byParticipant = new Map<string, Episode>();
      for (const participantId of participantIds) {
        const episode = state.episodes.get(participantId)?.get(groupId);
        if (!episode) throw new Error(`reactor snapshot: group ${groupId} points at no episode of ${participantId}`);
        byParticipant.set(participantId, episode);
      }
      state.groups.set(groupId, byParticipant);
      return;
    }
    case 'erased':
      state.erased.add(line[1]);
      return;
    default:
      throw new Error(`unknown reactor snapshot line: ${text.slice(0, 40)}`);
  }
}

function restoreMeasures(rows: readonly MeasureRow[]): MeasureLog {
  const log = new MeasureLog();
  for (const [measureId, instrument, value, administeredOn, sessionId, position] of rows) log.push({ measureId, instrument, value, administeredOn, sessionId: sharedId(sessionId), position: Number(position) });
  log.trim();
  return log;
}
