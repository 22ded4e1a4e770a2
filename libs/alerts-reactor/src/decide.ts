import type { RecordedEvent } from '#libs/events';
import { alertEventIdFor, alertIdFor } from './alert-ids.js';
import { localDate } from './calendar.js';
import type { AlertCandidate, AlertDecision, Tick } from './decision.js';
import { allianceDrop } from './rules/alliance-drop.js';
import { measureOverdue } from './rules/measure-overdue.js';
import { missedSessions } from './rules/missed-sessions.js';
import { notImproving } from './rules/not-improving.js';
import { reliableDeterioration } from './rules/reliable-deterioration.js';
import type { AlertSettings } from './settings.js';
import { type Episode, episodesForMeasure, episodesOfGroup, type ReactorState, type RecordedDomainEvent } from './state.js';

/**
 * The alerts a trigger raises, given the state AFTER `evolve` folded that trigger.
 * Pure: `now` is injected (the runner passes the cause's recordedAt for an event, so a
 * replay decides exactly what the first run decided, and the clock for a tick).
 * Alerts already raised in the episode are left out; call `markRaised` with the result.
 * Only MeasureRecorded, AttendanceRecorded/Corrected and ticks raise anything: AlertRaised
 * (ours or the api's) never does.
 */
export function decideAlerts(state: ReactorState, trigger: RecordedEvent | Tick, settings: AlertSettings, now: Date): AlertDecision[] {
  if (trigger.type === 'Tick') {
    const all = [...state.episodes.values()].flatMap((byGroup) => [...byGroup.values()]);
    return addressed(all.map((episode) => [episode, overdue(state, episode, settings, now)] as const), null, now);
  }
  const event = trigger as RecordedDomainEvent;
  const cause = { eventId: event.eventId, correlationId: event.metadata.correlationId };
  switch (event.type) {
    case 'MeasureRecorded': {
      const { participantId, groupId, measureId } = event.data;
      const found = episodesForMeasure(state, participantId, groupId).flatMap((episode) => {
        const measure = episode.measures.find(measureId);
        if (!measure) return []; // invalid score: it counts for nothing
        const program = state.programs.get(episode.programId);
        const candidates = [
          ...reliableDeterioration(episode, measure, settings),
          ...allianceDrop(episode, measure, settings),
          ...(program ? notImproving(episode, program, settings) : []),
          ...overdue(state, episode, settings, now),
        ];
        return [[episode, candidates] as const];
      });
      return addressed(found, cause, now);
    }
    case 'AttendanceRecorded':
    case 'AttendanceCorrected': {
      const found = episodesOfGroup(state, event.data.groupId)
        .filter((episode) => episode.attendance.has(event.data.sessionId))
        .map((episode) => {
          const program = state.programs.get(episode.programId);
          const candidates = [
            ...missedSessions(episode, settings),
            ...(program ? notImproving(episode, program, settings) : []),
            ...overdue(state, episode, settings, now),
          ];
          return [episode, candidates] as const;
        });
      return addressed(found, cause, now);
    }
    default:
      return [];
  }
}

/** Records decided alerts in the state so they are never decided again. Mutates like evolve. */
export function markRaised(state: ReactorState, decisions: readonly AlertDecision[]): ReactorState {
  for (const decision of decisions) {
    const episode = state.episodes.get(decision.participantId)?.get(decision.groupId);
    if (!episode) continue;
    episode.raisedAlertIds.add(decision.alertId);
    for (const sessionId of decision.coveredSessionIds ?? []) episode.alertedMissedSessions.add(sessionId);
  }
  return state;
}

function overdue(state: ReactorState, episode: Episode, settings: AlertSettings, now: Date): AlertCandidate[] {
  const program = state.programs.get(episode.programId);
  return program ? measureOverdue(episode, program, settings, localDate(now, program.timeZone)) : [];
}

function addressed(
  found: readonly (readonly [Episode, readonly AlertCandidate[]])[],
  cause: AlertDecision['cause'],
  now: Date,
): AlertDecision[] {
  const decisions: AlertDecision[] = [];
  const seen = new Set<string>();
  for (const [episode, candidates] of found) {
    for (const candidate of candidates) {
      const alertId = alertIdFor(candidate.key);
      if (episode.raisedAlertIds.has(alertId) || seen.has(alertId)) continue;
      seen.add(alertId);
      const { org, participantId, programId, groupId } = episode;
      decisions.push({ ...candidate, alertId, eventId: alertEventIdFor(candidate.key), org, participantId, programId, groupId, raisedAt: now.toISOString(), cause });
    }
  }
  return decisions;
}
