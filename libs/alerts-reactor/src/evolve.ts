import type { RecordedEvent } from '#libs/events';
import { definitionOf, reportedValue } from './scores.js';
import { MeasureLog } from './measure-log.js';
import { SmallMap, SmallSet } from './small-collections.js';
import { attendanceOf, shared, sharedId } from './shared-values.js';
import { type Episode, episodesForMeasure, episodesOf, episodesOfGroup, type ReactorState, type RecordedDomainEvent } from './state.js';

/** The actor of every event this reactor appends; its own events never trigger alerts. */
export const REACTOR_ACTOR = { userId: 'alerts-reactor', role: 'system' } as const;

/**
 * Folds one event into the state. Deterministic and free of I/O and clocks, but it updates
 * `state` IN PLACE and returns it: copying maps of every open membership on each of
 * millions of events would cost O(members) per event. The fold owns its state; callers use
 * the returned value and never share it.
 */
export function evolve(state: ReactorState, recorded: RecordedEvent): ReactorState {
  const event = recorded as RecordedDomainEvent;
  switch (event.type) {
    case 'ProgramCreated':
      state.programs.set(event.data.programId, { timeZone: event.data.timeZone, schedule: event.data.schedule });
      return state;
    case 'MemberJoined': {
      const { participantId, groupId, programId, joinedOn } = event.data;
      if (state.erased.has(participantId)) return state;
      const episode: Episode = {
        episodeId: event.eventId,
        org: shared(event.metadata.org),
        participantId,
        programId: sharedId(programId),
        groupId: sharedId(groupId),
        joinedOn: shared(joinedOn),
        measures: new MeasureLog(),
        attendance: new SmallMap(),
        raisedAlertIds: new SmallSet(),
        alertedMissedSessions: new SmallSet(),
      };
      index(state.episodes, participantId, groupId, episode);
      index(state.groups, groupId, participantId, episode);
      return state;
    }
    case 'MemberLeft':
      endEpisode(state, event.data.participantId, event.data.groupId);
      return state;
    case 'GroupClosed':
      for (const episode of episodesOfGroup(state, event.data.groupId)) endEpisode(state, episode.participantId, episode.groupId);
      return state;
    case 'AttendanceRecorded':
    case 'AttendanceCorrected': {
      const { groupId, date, records } = event.data;
      const sessionId = sharedId(event.data.sessionId);
      const statusOf = new Map(records.map((record) => [record.participantId, record.status]));
      for (const episode of episodesOfGroup(state, groupId)) {
        // Enrolled on the session date (OUTCOMES.md): sessions before joining are not theirs.
        if (date < episode.joinedOn) continue;
        const status = statusOf.get(episode.participantId);
        episode.attendance.set(sessionId, attendanceOf(date, status === 'present' || status === 'late'));
      }
      return state;
    }
    case 'MeasureRecorded': {
      const { measureId, participantId, groupId, instrument, instrumentVersion, administeredOn, sessionId, score } = event.data;
      const value = reportedValue(definitionOf(instrument, instrumentVersion), score);
      if (value === null) return state;
      for (const episode of episodesForMeasure(state, participantId, groupId)) {
        if (episode.measures.has(measureId)) continue;
        episode.measures.push({ measureId, instrument, value, administeredOn, sessionId: sharedId(sessionId), position: Number(event.position) });
      }
      return state;
    }
    case 'MeasureRescored': {
      const { measureId, participantId, instrument, instrumentVersion, score } = event.data;
      const value = reportedValue(definitionOf(instrument, instrumentVersion), score);
      for (const episode of episodesOf(state, participantId)) {
        // A re-score that makes the measure invalid removes it, like a void.
        if (value === null) episode.measures.remove(measureId);
        else episode.measures.setValue(measureId, value);
      }
      return state;
    }
    case 'MeasureVoided':
      for (const episode of episodesOf(state, event.data.participantId)) {
        episode.measures.remove(event.data.measureId);
      }
      return state;
    case 'AlertRaised':
      // Read back our own alerts so a rebuilt state knows what was raised before.
      if (event.metadata.actor.userId === REACTOR_ACTOR.userId && event.data.groupId !== null) {
        state.episodes.get(event.data.participantId)?.get(event.data.groupId)?.raisedAlertIds.add(event.data.alertId);
      }
      return state;
    case 'ParticipantErased':
      for (const episode of episodesOf(state, event.data.participantId)) endEpisode(state, episode.participantId, episode.groupId);
      state.erased.add(event.data.participantId);
      return state;
    default:
      return state;
  }
}

function endEpisode(state: ReactorState, participantId: string, groupId: string): void {
  unindex(state.episodes, participantId, groupId);
  unindex(state.groups, groupId, participantId);
}

function index(map: Map<string, Map<string, Episode>>, outer: string, inner: string, episode: Episode): void {
  const byInner = map.get(outer) ?? new Map<string, Episode>();
  byInner.set(inner, episode);
  map.set(outer, byInner);
}

function unindex(map: Map<string, Map<string, Episode>>, outer: string, inner: string): void {
  const byInner = map.get(outer);
  if (!byInner) return;
  byInner.delete(inner);
  if (byInner.size === 0) map.delete(outer);
}
