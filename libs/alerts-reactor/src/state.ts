import type { DomainEvent, RecordedEvent, ScheduleEvery } from '#libs/events';
import type { MeasureLog } from './measure-log.js';
import type { SmallMap, SmallSet } from './small-collections.js';

/** A recorded event narrowed to the catalogue, so a switch on `type` types its data. */
export type RecordedDomainEvent = Omit<RecordedEvent, 'type' | 'data'> & DomainEvent;

/** One valid, non-voided score, in the instrument's reliable-change units (SWEMWBS: metric). */
export interface ScoredMeasure {
  readonly measureId: string;
  readonly instrument: string;
  readonly value: number;
  readonly administeredOn: string;
  readonly sessionId: string | null;
  /**
   * Global position of the MeasureRecorded: breaks ties between scores given the same day. A
   * number, not the event's bigint: a BigInt per kept measure cost ~15 MB at 10 M events, and
   * positions stay exact below 2^53 (beyond, two same-day scores a byte apart could tie).
   */
  readonly position: number;
}

export interface SessionAttendance {
  readonly date: string;
  /** present or late; absent, excused and unrecorded all count as not attending (OUTCOMES.md). */
  readonly attended: boolean;
}

/**
 * One membership from MemberJoined to MemberLeft: the "episode" every rule looks at. A rejoin
 * is a new episode (new baseline, new counters). Dropped when it ends, so state stays
 * proportional to the open memberships and their history.
 */
export interface Episode {
  /** The MemberJoined event id: stable across replays, so it keys once-per-episode alerts. */
  readonly episodeId: string;
  readonly org: string;
  readonly participantId: string;
  readonly programId: string;
  readonly groupId: string;
  readonly joinedOn: string;
  /** Valid, non-voided scores recorded during the episode, in arrival order (packed). */
  readonly measures: MeasureLog;
  /** sessionId → attendance of this member (corrections overwrite). */
  readonly attendance: SmallMap<SessionAttendance>;
  /** Ids of the alerts already raised for this episode (decided here or read back from the log). */
  readonly raisedAlertIds: SmallSet;
  /** Sessions already covered by a missed_sessions alert: one alert per streak. */
  readonly alertedMissedSessions: SmallSet;
}

export interface ProgramInfo {
  readonly timeZone: string;
  readonly schedule: readonly { readonly instrument: string; readonly every: ScheduleEvery }[];
}

/**
 * The reactor's fold. `evolve` updates it in place (see evolve.ts for why); nothing in it is
 * read from anywhere but the events.
 */
export interface ReactorState {
  readonly programs: Map<string, ProgramInfo>;
  /** participantId → groupId → open episode. */
  readonly episodes: Map<string, Map<string, Episode>>;
  /** groupId → participantId → open episode: the same episodes, indexed for attendance events. */
  readonly groups: Map<string, Map<string, Episode>>;
  /** Erased participants: later events about them are ignored (nothing is raised for them). */
  readonly erased: Set<string>;
}

export function initialReactorState(): ReactorState {
  return { programs: new Map(), episodes: new Map(), groups: new Map(), erased: new Set() };
}

export function episodesOf(state: ReactorState, participantId: string): Episode[] {
  return [...(state.episodes.get(participantId)?.values() ?? [])];
}

/** The episodes a measure belongs to: its group's, or every open one when it names no group. */
export function episodesForMeasure(state: ReactorState, participantId: string, groupId: string | null): Episode[] {
  if (groupId === null) return episodesOf(state, participantId);
  const episode = state.episodes.get(participantId)?.get(groupId);
  return episode ? [episode] : [];
}

export function episodesOfGroup(state: ReactorState, groupId: string): Episode[] {
  return [...(state.groups.get(groupId)?.values() ?? [])];
}
