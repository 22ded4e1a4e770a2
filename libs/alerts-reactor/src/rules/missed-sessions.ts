import type { AlertCandidate } from '../decision.js';
import type { AlertSettings } from '../settings.js';
import type { Episode } from '../state.js';

/**
 * missed_sessions, once per streak: M (default 2, OUTCOMES.md) or more consecutive sessions
 * of the member's group, in date order since joining, not attended — absent, excused, or
 * unrecorded in a session whose attendance was taken (OUTCOMES.md "Group cohesion").
 * Sessions without any attendance record are not known to have happened and do not count.
 * A streak is alerted once: a later streak overlapping an alerted one (after a correction
 * moved its start) stays quiet; a correction to "present" before the streak reaches M
 * breaks it, so nothing is raised.
 */
export function missedSessions(episode: Episode, settings: AlertSettings): AlertCandidate[] {
  const rule = settings.missedSessions;
  if (!rule.enabled) return [];
  const sessions = [...episode.attendance.entries()]
    .map(([sessionId, session]) => ({ sessionId, ...session }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.sessionId.localeCompare(b.sessionId));

  const streaks: (typeof sessions)[] = [];
  let current: typeof sessions = [];
  for (const session of sessions) {
    if (session.attended) {
      if (current.length > 0) streaks.push(current);
      current = [];
    } else current.push(session);
  }
  if (current.length > 0) streaks.push(current);

  return streaks
    .filter((streak) => streak.length >= rule.inARow)
    .filter((streak) => !streak.some((session) => episode.alertedMissedSessions.has(session.sessionId)))
    .map((streak) => ({
      key: `${episode.episodeId}:missed_sessions:${streak[0]!.sessionId}`,
      alertType: 'missed_sessions' as const,
      severity: rule.severity,
      measureId: null,
      message: `Missed ${streak.length} sessions in a row (${streak[0]!.date} to ${streak.at(-1)!.date}).`,
      coveredSessionIds: streak.map((session) => session.sessionId),
    }));
}
